// Reads a `verify.url` without letting the config reach inside the bot's network (item 7 of
// #12). Every connection goes through request-filtering-agent, an http(s).Agent that refuses
// private, loopback, link-local and reserved addresses after DNS resolution (so a public name
// that resolves to 169.254.169.254 is refused too). Node's global fetch (undici) ignores
// http.Agent, so this uses node:http/https and follows redirects itself, each hop through the
// agent, at most MAX_REDIRECTS of them. It reads at most `maxBytes` of the body and reports
// errors as fixed words, never an address or a message a server chose.
import http from "node:http";
import https from "node:https";
import { RequestFilteringHttpAgent, RequestFilteringHttpsAgent, type RequestFilteringAgentOptions } from "request-filtering-agent";

/** Enough for any version endpoint; the rest of a longer body is not read. */
export const MAX_BODY_BYTES = 64 * 1024;
export const MAX_REDIRECTS = 3;

export interface SafeGetOptions {
  readonly signal: AbortSignal;
  readonly maxBytes?: number;
  /** Tests only: the agent lets 127.0.0.1 and ::1 through, and nothing else private. */
  readonly allowLoopback?: boolean;
}

export interface SafeAnswer {
  readonly status: number;
  readonly text: () => Promise<string>;
}

/** A refusal or failure whose message is safe to publish in a deployment status. */
export class SafeGetError extends Error {}

// Plain addresses, not CIDRs: the library warns when it compares an IPv6 target with an IPv4 range.
const LOOPBACK = ["127.0.0.1", "::1"];

function agents(allowLoopback: boolean) {
  const filter: RequestFilteringAgentOptions = allowLoopback ? { allowIPAddressList: LOOPBACK } : {};
  return { http: new RequestFilteringHttpAgent(filter), https: new RequestFilteringHttpsAgent(filter) };
}
const strict = agents(false);
const forTests = agents(true);

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

export async function safeGet(url: string, options: SafeGetOptions): Promise<SafeAnswer> {
  const maxBytes = options.maxBytes ?? MAX_BODY_BYTES;
  let current = parse(url);
  for (let hop = 0; ; hop++) {
    const answer = await getOnce(current, options, maxBytes);
    if (!REDIRECTS.has(answer.status) || answer.location === undefined) return { status: answer.status, text: async () => answer.body };
    if (hop >= MAX_REDIRECTS) throw new SafeGetError(`more than ${MAX_REDIRECTS} redirects`);
    current = parse(answer.location, current);
  }
}

function parse(text: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(text, base);
  } catch {
    throw new SafeGetError(base ? "a redirect to an invalid URL" : "an invalid URL");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new SafeGetError(`a redirect to a ${url.protocol} URL`);
  return url;
}

interface RawAnswer {
  readonly status: number;
  readonly location: string | undefined;
  readonly body: string;
}

function getOnce(url: URL, options: SafeGetOptions, maxBytes: number): Promise<RawAnswer> {
  const set = options.allowLoopback === true ? forTests : strict;
  const [client, agent] = url.protocol === "https:" ? [https, set.https] : [http, set.http];
  return new Promise((resolve, reject) => {
    const request = client.get(url, { agent, signal: options.signal, headers: { accept: "application/json, text/plain, */*" } }, (response) => {
      const location = response.headers.location;
      const chunks: Buffer[] = [];
      let size = 0;
      const finish = () => resolve({ status: response.statusCode ?? 0, location, body: Buffer.concat(chunks).toString("utf8") });
      response.on("data", (chunk: Buffer) => {
        const room = maxBytes - size;
        if (room <= 0) return;
        chunks.push(chunk.subarray(0, room));
        size += Math.min(room, chunk.length);
        // Enough read: stop the transfer rather than let the server send the rest.
        if (size >= maxBytes) {
          finish();
          response.destroy();
        }
      });
      response.on("end", finish);
      response.on("error", (error) => reject(describe(error)));
    });
    request.on("error", (error) => reject(describe(error)));
  });
}

/** Fixed words for what went wrong: no resolved address, no text a server chose. */
function describe(error: Error): SafeGetError {
  if (error instanceof SafeGetError) return error;
  if (/is not allowed\. Because/.test(error.message)) return new SafeGetError("the address is private, loopback, link-local or reserved");
  if (error.name === "AbortError" || error.name === "TimeoutError") return new SafeGetError("no answer in time");
  const code = (error as NodeJS.ErrnoException).code;
  return new SafeGetError(typeof code === "string" && /^[A-Z_]+$/.test(code) ? code : "the request failed");
}
