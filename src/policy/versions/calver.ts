// Calendar versions such as Openverse's `2024.01.01.19.52.14`: the version is the UTC time of the
// release, so `next` needs the time handed in and every kind of bump means "now". There are no
// candidates, so `rc` and `final` are refused with a sentence rather than guessed at.
import { compareVersions, toPart } from "./numeric.js";
import type { Version, VersionError, VersionScheme } from "./types.js";

export const DEFAULT_CALVER_FORMAT = "YYYY.MM.DD.HH.mm.ss";

type Field = "YYYY" | "MM" | "DD" | "HH" | "mm" | "ss";
type Piece = { readonly field: Field } | { readonly literal: string };

const FIELDS: readonly Field[] = ["YYYY", "MM", "DD", "HH", "mm", "ss"];

function pieces(format: string): readonly Piece[] | VersionError {
  const out: Piece[] = [];
  let rest = format;
  while (rest.length > 0) {
    const field = FIELDS.find((f) => rest.startsWith(f));
    if (field) {
      out.push({ field });
      rest = rest.slice(field.length);
    } else if (/^[A-Za-z]/.test(rest)) {
      return { error: `calver format "${format}" has an unknown part at "${rest}"; use YYYY, MM, DD, HH, mm and ss.` };
    } else {
      out.push({ literal: rest.charAt(0) });
      rest = rest.slice(1);
    }
  }
  if (!out.some((p) => "field" in p)) return { error: `calver format "${format}" has no date part.` };
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function fieldValue(now: Date, field: Field): number {
  switch (field) {
    case "YYYY":
      return now.getUTCFullYear();
    case "MM":
      return now.getUTCMonth() + 1;
    case "DD":
      return now.getUTCDate();
    case "HH":
      return now.getUTCHours();
    case "mm":
      return now.getUTCMinutes();
    case "ss":
      return now.getUTCSeconds();
  }
}

/** The fields in format order become major, minor, patch and then `extra`. */
function fromParts(parts: readonly number[], raw: string): Version {
  const [major = 0, minor = 0, patch = 0, ...extra] = parts;
  return { major, minor, patch, extra, raw };
}

/** A scheme for one format; throws only for a bad format, which config validation catches first. */
export function calverScheme(format: string = DEFAULT_CALVER_FORMAT): VersionScheme {
  const parsed = pieces(format);
  if ("error" in parsed) throw new Error(parsed.error);
  const fields = parsed.flatMap((p) => ("field" in p ? [p.field] : []));
  const pattern = new RegExp(`^${parsed.map((p) => ("field" in p ? (p.field === "YYYY" ? "(\\d{4})" : "(\\d{2})") : escapeRegExp(p.literal))).join("")}$`);

  const render = (v: Version): string => {
    const values = [v.major, v.minor, v.patch, ...v.extra];
    let index = 0;
    return parsed
      .map((p) => {
        if ("literal" in p) return p.literal;
        const value = values[index] ?? 0;
        index += 1;
        return String(value).padStart(p.field === "YYYY" ? 4 : 2, "0");
      })
      .join("");
  };

  return {
    name: "calver",
    parse(text) {
      const match = pattern.exec(text.trim());
      if (!match) return undefined;
      const parts: number[] = [];
      for (const group of match.slice(1)) {
        const part = toPart(group ?? "");
        if (part === undefined) return undefined;
        parts.push(part);
      }
      return fromParts(parts, text);
    },
    format: render,
    compare: compareVersions,
    next(current, bump, ctx) {
      if (bump === "rc" || bump === "final") {
        return { error: `Calendar versions (${format}) have no release candidates, so "${bump}" does not apply; ask for a plain release.` };
      }
      const now = ctx?.now;
      if (now === undefined || Number.isNaN(now.getTime())) {
        return { error: "The next calendar version needs the current time, and none was given." };
      }
      const draft = fromParts(
        fields.map((f) => fieldValue(now, f)),
        "",
      );
      const next = { ...draft, raw: render(draft) };
      // Two releases inside one unit of the format would share a version, and a clock that went
      // back would make a release look older than the last one; both are refused.
      if (compareVersions(next, current) <= 0) {
        return {
          error: `The next calendar version would be ${next.raw}, which is not later than ${render(current)}; wait until the ${format} stamp moves on.`,
        };
      }
      return next;
    },
  };
}
