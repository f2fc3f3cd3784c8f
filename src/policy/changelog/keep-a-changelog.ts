// Keep a Changelog (keepachangelog.com 1.1.0) as its users write it: `## [Unreleased]` on top,
// releases as `## [1.2.0] - 2024-01-01`, and at the end of the file link definitions that make
// each bracketed heading a link: `[unreleased]: …/compare/v1.2.0...HEAD` and
// `[1.2.0]: …/compare/v1.1.0...v1.2.0`. A release moves the first to the new tag and adds the
// second; a heading's brackets are written as brackets (an escaped `\[1.2.0]` is no link, and
// tools such as the keep-a-changelog parser then misread the version).
import { sameVersion } from "./heading.js";
import type { ChangelogSection } from "./types.js";

/** A section written the Keep a Changelog way: its heading's words start with `[`. */
export function isKeepAChangelog(section: ChangelogSection | undefined): boolean {
  return section !== undefined && /^ {0,3}#{1,6}[ \t]+\[/.test(section.rawHeading);
}

export const KAC_UNRELEASED = "[Unreleased]";

/** The release heading; Keep a Changelog's dates are ISO 8601 and it has no codenames. */
export function keepAChangelogHeading(version: string, date: string): string {
  return `[${version}] - ${date}`;
}

// The line's own ending is kept on the line added beside it: group 4 is a CRLF's `\r`.
const DEFINITION = /^ {0,3}\[([^\]\n]+)\]:[ \t]*(\S+)([ \t]*)(\r?)$/;

type Definition = RegExpExecArray & { readonly index: number };

/**
 * Link definition lines, found line by line: only a line whose first mark is `[` is matched, so
 * a 5 MB file costs one pass of indexOf rather than a multiline regex tried at every character.
 */
function definitionsOf(text: string): Definition[] {
  const out: Definition[] = [];
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    let mark = start;
    while (mark < end && mark - start < 3 && text[mark] === " ") mark += 1;
    if (text[mark] === "[") {
      const found = DEFINITION.exec(text.slice(start, end));
      if (found) out.push(Object.assign(found, { index: start }));
    }
    start = end + 1;
  }
  return out;
}
const COMPARE = /^(https?:\/\/[^\s]+?\/compare\/)([^\s]+?)\.\.\.([^\s]+)$/;
const RELEASE_TAG = /^(https?:\/\/[^\s]+?)\/releases\/tag\/([^\s]+)$/;
/** What a tag may hold to go into a URL unescaped: git refuses spaces and most punctuation. */
const SAFE_TAG = /^[\w./@+-]+$/;

export interface LinkFacts {
  readonly version: string;
  /** The tag the release gets; guessed from the previous link's tag when not given. */
  readonly tag?: string;
}

function guessTag(previousTag: string, version: string): string {
  return /\d[\w.+-]*$/.test(previousTag) ? previousTag.replace(/\d[\w.+-]*$/, version) : `v${version}`;
}

/**
 * The link definitions after a release of `facts.version`. Files without compare links, and a
 * version that already has its definition, are left as they are, so running twice changes nothing.
 */
export function updateCompareLinks(text: string, facts: LinkFacts): string {
  const definitions = definitionsOf(text);
  if (definitions.some((d) => sameVersion((d[1] ?? "").replace(/^\[|\]$/g, ""), facts.version))) return text;
  const link = (from: string, to: string, base: string): string => `[${facts.version}]: ${base}${from}...${to}`;
  const unreleased = definitions.find((d) => /^unreleased$/i.test(d[1] ?? ""));
  if (unreleased !== undefined) {
    const [line = "", label = "", url = "", trailing = "", cr = ""] = unreleased;
    const compare = COMPARE.exec(url);
    if (!compare) return text;
    const [, base = "", from = "", to = ""] = compare;
    const tag = facts.tag ?? guessTag(from, facts.version);
    if (!SAFE_TAG.test(tag)) return text;
    const updated = `[${label}]: ${base}${tag}...${to}${trailing}${cr}\n${link(from, tag, base)}${cr}`;
    return text.slice(0, unreleased.index) + updated + text.slice(unreleased.index + line.length);
  }
  // No unreleased link: the newest release's link says where the next one goes, just above it.
  const newest = definitions.find((d) => COMPARE.test(d[2] ?? "") || RELEASE_TAG.test(d[2] ?? ""));
  if (newest === undefined) return text;
  const url = newest[2] ?? "";
  const compare = COMPARE.exec(url);
  const release = RELEASE_TAG.exec(url);
  const base = compare ? (compare[1] ?? "") : `${release?.[1] ?? ""}/compare/`;
  const previousTag = compare ? (compare[3] ?? "") : (release?.[2] ?? "");
  const tag = facts.tag ?? guessTag(previousTag, facts.version);
  if (!SAFE_TAG.test(tag) || previousTag === "HEAD") return text;
  return `${text.slice(0, newest.index)}${link(previousTag, tag, base)}${newest[4] ?? ""}\n${text.slice(newest.index)}`;
}
