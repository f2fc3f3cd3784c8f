// `verify.url` is read by the bot from inside its own network, and a config pointing it at the
// cloud metadata service or at localhost turned it into a way in (item 7 of #12). The reader
// (src/runtime/safe-get.ts) refuses private, loopback and link-local destinations after
// DNS resolution and on each redirect; this is the same rule applied early, in the config check,
// to what can be seen without DNS: a literal address or `localhost`. The WHATWG URL parser has
// already turned `0x7f.1`, `2130706433` and `[0:0::1]` into their plain forms.
import { issue } from "./issues.js";
import type { ConfigIssue } from "./types.js";

/** What kind of address a literal host is, when it is one verify must not read. */
function forbiddenKind(hostname: string): string | undefined {
  const host = hostname.toLowerCase().replace(/\.$/, "");
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (host.startsWith("[") && host.endsWith("]")) return ipv6Kind(host.slice(1, -1));
  const v4 = ipv4(host);
  return v4 === undefined ? undefined : ipv4Kind(v4);
}

function ipv4(host: string): number[] | undefined {
  const parts = host.split(".");
  if (parts.length !== 4 || !parts.every((part) => /^\d{1,3}$/.test(part) && Number(part) <= 255)) return undefined;
  return parts.map(Number);
}

function ipv4Kind([a = 0, b = 0]: readonly number[]): string | undefined {
  if (a === 127) return "loopback";
  if (a === 169 && b === 254) return "link-local";
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 100 && b >= 64 && b <= 127)) return "private";
  if (a === 0) return "unspecified";
  return undefined;
}

/** The eight 16-bit groups of an IPv6 address as the URL parser prints it (compressed, hex). */
function ipv6Groups(text: string): number[] | undefined {
  const [head = "", tail, extra] = text.split("::");
  if (extra !== undefined) return undefined;
  const parse = (part: string) => (part === "" ? [] : part.split(":").map((group) => Number.parseInt(group, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const fill = 8 - left.length - right.length;
  if (fill < 0 || (tail === undefined && fill !== 0) || [...left, ...right].some(Number.isNaN)) return undefined;
  return [...left, ...Array<number>(fill).fill(0), ...right];
}

function ipv6Kind(text: string): string | undefined {
  const groups = ipv6Groups(text);
  if (groups === undefined) return undefined;
  const [first = 0] = groups;
  const zeroTo = (n: number) => groups.slice(0, n).every((group) => group === 0);
  if (zeroTo(7) && groups[7] === 1) return "loopback";
  if (zeroTo(8)) return "unspecified";
  if ((first & 0xfe00) === 0xfc00) return "private";
  if ((first & 0xffc0) === 0xfe80) return "link-local";
  // ::ffff:a.b.c.d (IPv4-mapped) and ::a.b.c.d (IPv4-compatible) reach the IPv4 address.
  if (zeroTo(5) && (groups[5] === 0xffff || groups[5] === 0)) {
    const high = groups[6] ?? 0;
    return ipv4Kind([high >> 8, high & 0xff]);
  }
  return undefined;
}

/** Why verify may not read this URL (one sentence), or undefined when it may. */
export function verifyUrlProblem(url: string, options: { readonly loopback?: boolean } = {}): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined; // the schema reports a URL that does not parse
  }
  if (parsed.protocol !== "http:" && parsed.protocol !== "https:") {
    return `verify reads http or https URLs, not ${parsed.protocol}; use a URL such as https://example.com/version`;
  }
  const kind = forbiddenKind(parsed.hostname);
  if (kind === undefined || (kind === "loopback" && options.loopback === true)) return undefined;
  return `${parsed.hostname} is ${kind === "unspecified" ? "an" : "a"} ${kind} address, and verify only reads public addresses; use the environment's public URL, such as https://example.com/version`;
}

/** The refusals of every environment's verify.url, at its path. */
export function verifyUrlIssues(
  environments: Readonly<Record<string, { readonly verify?: { readonly url?: unknown } | undefined } | undefined>> | undefined,
  loopback: boolean,
): ConfigIssue[] {
  return Object.entries(environments ?? {}).flatMap(([name, env]) => {
    const url = env?.verify?.url;
    const problem = typeof url === "string" ? verifyUrlProblem(url, { loopback }) : undefined;
    return problem === undefined ? [] : [issue(["environments", name, "verify", "url"], problem)];
  });
}
