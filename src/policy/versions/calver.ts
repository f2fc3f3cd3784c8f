// Calendar versions such as Openverse's `2024.01.01.19.52.14` or `24.07.0` (YY.MM.N): the date
// part is the UTC date of the release, so `next` needs the time handed in and every kind of bump
// means "now"; a trailing counter (`YYYY.MM.MICRO`, `YY.MM.N`) numbers the releases of one date
// stamp from 0. The format is checked to sort by date (largest unit first, none skipped), so
// comparing versions part by part is comparing dates; parse refuses dates that do not exist
// (`2024.13.01`, `2024.02.30`, hour 24). There are no candidates: pre-release levels are refused.
import { releaseFields } from "./numeric.js";
import type { Version, VersionError, VersionScheme } from "./types.js";

export const DEFAULT_CALVER_FORMAT = "YYYY.MM.DD.HH.mm.ss";

type DateField = "YYYY" | "YY" | "MM" | "DD" | "HH" | "mm" | "ss";
type Field = DateField | "MICRO" | "N";
type Piece = { readonly field: Field } | { readonly literal: string };

/** Longest first, so `YYYY` is not read as `YY` twice. */
const FIELDS: readonly Field[] = ["MICRO", "YYYY", "YY", "MM", "DD", "HH", "mm", "ss", "N"];
/** Units from the largest: a format sorts by date when its date fields are a prefix of this. */
const UNITS: readonly (readonly DateField[])[] = [["YYYY", "YY"], ["MM"], ["DD"], ["HH"], ["mm"], ["ss"]];
const ALL = "YYYY, YY, MM, DD, HH, mm, ss and a trailing MICRO or N counter";

function isCounter(field: Field): boolean {
  return field === "MICRO" || field === "N";
}

function pieces(format: string): readonly Piece[] | VersionError {
  const out: Piece[] = [];
  let rest = format;
  while (rest.length > 0) {
    const field = FIELDS.find((f) => rest.startsWith(f));
    if (field) {
      out.push({ field });
      rest = rest.slice(field.length);
    } else if (/^[A-Za-z0-9]/.test(rest)) {
      return { error: `calver format "${format}" has an unknown part at "${rest}"; use ${ALL}.` };
    } else {
      out.push({ literal: rest.charAt(0) });
      rest = rest.slice(1);
    }
  }
  return out;
}

function fieldsOf(parsed: readonly Piece[]): readonly Field[] {
  return parsed.flatMap((p) => ("field" in p ? [p.field] : []));
}

/** The same fields from the largest unit down, none skipped, with the counter last: the format that sorts. */
function sortedForm(format: string, fields: readonly Field[]): string {
  const deepest = Math.max(0, ...fields.map((f) => UNITS.findIndex((unit) => unit.some((u) => u === f))));
  const dates = UNITS.slice(0, deepest + 1).map((unit) => unit.find((f) => fields.includes(f)) ?? unit[0] ?? "YYYY");
  const counter = fields.find(isCounter);
  const separator = /[^A-Za-z0-9]/.exec(format)?.[0] ?? ".";
  return [...dates, ...(counter ? [counter] : [])].join(separator);
}

/** Why `format` cannot be a calver format, or undefined when it can. */
export function calverFormatError(format: string): string | undefined {
  const parsed = pieces(format);
  if ("error" in parsed) return parsed.error;
  const fields = fieldsOf(parsed);
  if (!fields.some((f) => !isCounter(f))) return `calver format "${format}" has no date part; use ${ALL}.`;
  const counters = fields.filter(isCounter).length;
  const inOrder = fields.filter((f) => !isCounter(f)).every((f, i) => UNITS[i]?.some((unit) => unit === f) === true);
  if (!inOrder || counters > 1 || (counters === 1 && !isCounter(fields.at(-1) ?? "YYYY"))) {
    return `calver format "${format}" does not sort by date (it must start with the year and go down one unit at a time, with any counter last); use ${sortedForm(format, fields)}.`;
  }
  if (parsed.some((p, i) => "field" in p && "field" in (parsed[i + 1] ?? { literal: "" }))) {
    return `calver format "${format}" puts two parts side by side, which cannot be read back; separate them, e.g. ${sortedForm(format, fields)}.`;
  }
  return undefined;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const DIGITS: Readonly<Record<Field, string>> = {
  YYYY: "(\\d{4})",
  YY: "([1-9]\\d{0,2})",
  MM: "(\\d{2})",
  DD: "(\\d{2})",
  HH: "(\\d{2})",
  mm: "(\\d{2})",
  ss: "(\\d{2})",
  MICRO: "(0|[1-9]\\d{0,8})",
  N: "(0|[1-9]\\d{0,8})",
};

/** Digits a field is written with: two-digit fields are zero-padded, counters and `YY` are not. */
const PADDED: Readonly<Record<Field, number>> = { YYYY: 4, YY: 1, MM: 2, DD: 2, HH: 2, mm: 2, ss: 2, MICRO: 1, N: 1 };

function fieldValue(now: Date, field: DateField): number {
  switch (field) {
    case "YYYY":
      return now.getUTCFullYear();
    case "YY":
      // calver.org's short year: 2024 is 24, 2106 is 106.
      return now.getUTCFullYear() - 2000;
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

/** Whether the values read for `fields` are a date and time that exists. */
function exists(fields: readonly Field[], values: readonly number[]): boolean {
  const get = (field: Field): number | undefined => {
    const index = fields.indexOf(field);
    return index < 0 ? undefined : values[index];
  };
  const year = get("YYYY") ?? (get("YY") === undefined ? 2000 : 2000 + (get("YY") ?? 0));
  const month = get("MM") ?? 1;
  const day = get("DD") ?? 1;
  if (month < 1 || month > 12 || day < 1) return false;
  // Day 0 of the next month is the last day of this one, leap years included.
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  return (get("HH") ?? 0) <= 23 && (get("mm") ?? 0) <= 59 && (get("ss") ?? 0) <= 59;
}

function comparePartwise(a: Version, b: Version): number {
  const left = [a.major, a.minor, a.patch, ...a.extra];
  const right = [b.major, b.minor, b.patch, ...b.extra];
  for (let i = 0; i < Math.max(left.length, right.length); i += 1) {
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  return 0;
}

/** A scheme for one format; throws only for a bad format, which the config check refuses first. */
export function calverScheme(format: string = DEFAULT_CALVER_FORMAT): VersionScheme {
  const problem = calverFormatError(format);
  const parsed = pieces(format);
  if (problem !== undefined || "error" in parsed) throw new Error(problem ?? "bad calver format");
  const fields = fieldsOf(parsed);
  const counter = fields.some(isCounter);
  const pattern = new RegExp(`^${parsed.map((p) => ("field" in p ? DIGITS[p.field] : escapeRegExp(p.literal))).join("")}$`);

  const render = (values: readonly number[]): string => {
    let index = 0;
    return parsed
      .map((p) => {
        if ("literal" in p) return p.literal;
        const value = values[index] ?? 0;
        index += 1;
        return String(value).padStart(PADDED[p.field], "0");
      })
      .join("");
  };
  const build = (values: readonly number[], raw?: string): Version => {
    const normal = render(values);
    return { ...releaseFields(values), normal, raw: raw ?? normal };
  };

  const parse = (text: string): Version | undefined => {
    if (text.length > 200) return undefined;
    const match = pattern.exec(text.trim());
    if (!match) return undefined;
    const values = match.slice(1).map(Number);
    return exists(fields, values) ? build(values, text) : undefined;
  };

  const scheme: VersionScheme = {
    name: "calver",
    parse,
    format: (v) => render([v.major, v.minor, v.patch, ...v.extra]),
    compare: comparePartwise,
    next(current, bump, ctx) {
      if (bump !== "major" && bump !== "minor" && bump !== "patch") {
        return { error: `Calendar versions (${format}) have no pre-releases, so "${bump}" does not apply; ask for a plain release.` };
      }
      const now = ctx?.now;
      if (now === undefined || Number.isNaN(now.getTime())) {
        return { error: "The next calendar version needs the current time, and none was given." };
      }
      const stamp = fields.flatMap((f) => (f === "MICRO" || f === "N" ? [] : [fieldValue(now, f)]));
      const currentValues = [current.major, current.minor, current.patch, ...current.extra].slice(0, fields.length);
      const sameStamp = stamp.every((value, i) => value === currentValues[i]);
      // A counter numbers the releases of one stamp; a new stamp starts it again at 0.
      const count = counter ? [sameStamp ? (currentValues[stamp.length] ?? 0) + 1 : 0] : [];
      const next = build([...stamp, ...count]);
      if (parse(next.normal) === undefined || comparePartwise(next, current) <= 0) {
        // Without a counter two releases inside one unit would share a version, and a clock that
        // went back would make a release look older than the last one; both are refused.
        return {
          error: `The next calendar version would be ${next.normal}, which is not later than ${scheme.format(current)}; wait until the ${format} stamp moves on.`,
        };
      }
      return next;
    },
    finalOf: (v) => v,
    prerelease: () => ({ error: `Calendar versions (${format}) have no pre-releases; ask for a plain release.` }),
    nearest: () => undefined,
  };
  return scheme;
}
