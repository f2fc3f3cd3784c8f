// Heading text shared by every format: reading the forms real changelogs use, and writing the
// configured templates. GWCelery's file alone has `2.6.0 (unreleased)`, `2.5.2 "Cactus cat"
// (2024-11-18)`, `2.1.10 "Bunyip" (12-05-2023)` and `0.8.5.1 (2019-09-04)`; Keep a Changelog
// files write `[1.2.0] - 2024-01-01` and `[Unreleased]`.
import type { HeadingTemplates, ParsedHeading } from "./types.js";

export const DEFAULT_HEADING = '{version} "{codename}" ({date:YYYY-MM-DD})';
export const DEFAULT_UNRELEASED = "{version} (unreleased)";
export const DEFAULT_EMPTY = "No changes yet.";

const HEADING =
  /^\[?v?(?<version>\d[0-9A-Za-z.+-]*?)\]?(?:\s+"(?<codename>[^"]+)")?(?:\s+(?:-\s+)?\(?(?<when>unreleased|\d{4}-\d{2}-\d{2}|\d{2}-\d{2}-\d{4})\)?)?\s*$/i;
const UNRELEASED_ONLY = /^\[?unreleased\]?$/i;

function isoDate(written: string): string {
  // The only day-first-looking dates in GWCelery's file are MM-DD-YYYY: "12-05-2023" is the
  // 2.1.10 release of 5 December 2023, made the same day as the "Back to development" commit.
  const us = /^(\d{2})-(\d{2})-(\d{4})$/.exec(written);
  return us ? `${us[3]}-${us[1]}-${us[2]}` : written;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A RegExp for a configured unreleased template, so a custom form is still recognised. A second
 * `{version}` refers back to the first: two groups of one name are a SyntaxError in JavaScript.
 */
function unreleasedPattern(template: string): RegExp {
  const known = patterns.get(template);
  if (known !== undefined) return known;
  const [first = "", ...rest] = template.split("{version}").map(escapeRegExp);
  const tokens = rest.map((part, index) => `${index === 0 ? "v?(?<version>\\d[0-9A-Za-z.+-]*)" : "v?\\k<version>"}${part}`);
  const pattern = new RegExp(`^${first}${tokens.join("")}$`, "i");
  // A changelog's headings are read with one or two templates: built once each, not per heading.
  if (patterns.size < 64) patterns.set(template, pattern);
  return pattern;
}

const patterns = new Map<string, RegExp>();

/**
 * Release headings are short; a longer line is prose. Bounding the text bounds the work of every
 * pattern below, including one built from a template that repeats {version}.
 */
const MAX_HEADING_LENGTH = 200;

export function parseHeadingText(raw: string, templates: HeadingTemplates = {}): ParsedHeading {
  const text = raw.trim();
  if (text.length > MAX_HEADING_LENGTH) return { text, unreleased: false };
  const custom = unreleasedPattern(templates.unreleased ?? DEFAULT_UNRELEASED).exec(text);
  if (custom) {
    const version = custom.groups?.["version"];
    return version === undefined ? { text, unreleased: true } : { text, version, unreleased: true };
  }
  if (UNRELEASED_ONLY.test(text)) return { text, unreleased: true };
  const match = HEADING.exec(text);
  const groups = match?.groups;
  if (!groups) return { text, unreleased: false };
  const { version, codename, when } = groups;
  const unreleased = when?.toLowerCase() === "unreleased";
  return {
    text,
    ...(version === undefined ? {} : { version }),
    ...(codename === undefined ? {} : { codename }),
    ...(when === undefined || unreleased ? {} : { date: isoDate(when), rawDate: when }),
    unreleased,
  };
}

/** True when the heading names a release or the unreleased section, not e.g. `## Bug Fixes`. */
export function isReleaseHeading(heading: ParsedHeading): boolean {
  return heading.unreleased || heading.version !== undefined;
}

function formatDate(iso: string, format: string): string {
  const [year = "", month = "", day = ""] = iso.split("-");
  return format.replace(/YYYY|MM|DD/g, (part) => (part === "YYYY" ? year : part === "MM" ? month : day));
}

/**
 * Renders a heading template. Without a codename the `{codename}` token goes, together with the
 * quotes and the space before it, so old-style `1.0.1 (2022-05-09)` headings come out right.
 */
export function renderHeading(template: string, values: { version: string; codename?: string; date?: string }): string {
  const withoutCodename = values.codename === undefined ? template.replace(/\s*["'“]?\{codename\}["'”]?/g, "") : template;
  return withoutCodename.replace(/\{(version|codename|date)(?::([^}]*))?\}/g, (_all, token: string, format: string | undefined) => {
    if (token === "version") return values.version;
    if (token === "codename") return values.codename ?? "";
    return values.date === undefined ? "" : formatDate(values.date, format ?? "YYYY-MM-DD");
  });
}

/** `No changes yet` with or without its period, plus any configured placeholder. */
export function isEmptyPlaceholder(entry: string, templates: HeadingTemplates = {}): boolean {
  const normalised = entry.trim().replace(/\.$/, "").toLowerCase();
  const placeholders = [DEFAULT_EMPTY, ...(templates.empty ?? [])];
  return placeholders.some((p) => p.trim().replace(/\.$/, "").toLowerCase() === normalised);
}

/** `2.5.1rc2` and `2.5.1` belong to one release series; a leading `v` and case do not matter. */
export function releaseBase(version: string): string {
  return version
    .toLowerCase()
    .replace(/^v/, "")
    .replace(/[-_.]?(?:rc|c)[-_.]?\d+$/, "");
}

export function sameVersion(a: string, b: string): boolean {
  return a.toLowerCase().replace(/^v/, "") === b.toLowerCase().replace(/^v/, "");
}
