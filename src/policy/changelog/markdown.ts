// Markdown changelogs (Keep a Changelog, or GWCelery-style headings in a CHANGELOG.md). The text
// is parsed to mdast with remark only to find headings and list items by their source offsets;
// edits are spliced into the original text, because re-stringifying the whole tree would rewrite
// bullets, emphasis and wrapping in every release the team already published. Edits read only
// the head of the file (markdown-headings.ts), so a 5 MB changelog costs what its top costs.
import type { Heading, List, ListItem, PhrasingContent, Root, RootContent } from "mdast";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { isReleaseHeading, sameVersion } from "./heading.js";
import { isKeepAChangelog, KAC_UNRELEASED, keepAChangelogHeading, updateCompareLinks } from "./keep-a-changelog.js";
import { type FoundHeading, type HeadingScan, readHeadings, scanHeadingLines, tree } from "./markdown-headings.js";
import { sectionedFormat, type ChangelogSyntax } from "./sections.js";
import type { Changelog, ChangelogFormat, ChangelogSection, HeadingTemplates, ParsedHeading } from "./types.js";

const DEFAULT_DEPTH: Heading["depth"] = 2;
const printer = unified().use(remarkStringify, { bullet: "-" }).freeze();

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function afterLineEnd(text: string, offset: number): number {
  if (text.startsWith("\r\n", offset)) return offset + 2;
  return text.startsWith("\n", offset) ? offset + 1 : offset;
}

/** Releases sit at one level (`##` in Keep a Changelog, `#` in an Openverse release file). */
function releaseDepth(headings: readonly FoundHeading[]): number | undefined {
  const releases = headings.filter((h) => isReleaseHeading(h.parsed));
  return releases.length === 0 ? undefined : Math.min(...releases.map((h) => h.depth));
}

/** Whether a heading at or above its level follows the first heading that `wanted` picks. */
function closed(headings: readonly FoundHeading[], wanted: (parsed: ParsedHeading) => boolean): boolean {
  const index = headings.findIndex((h) => wanted(h.parsed));
  const found = headings[index];
  return found !== undefined && headings.slice(index + 1).some((h) => h.depth <= found.depth);
}

/**
 * Sections from the headings read so far: every heading at the release level or above, from the
 * first release on, starts one. The last runs to the end of the text, including what was not read.
 */
function sectionsOf(text: string, headings: readonly FoundHeading[]): Changelog {
  const depth = releaseDepth(headings);
  const first = headings.find((h) => isReleaseHeading(h.parsed));
  if (depth === undefined || first === undefined) return { preamble: text, sections: [] };
  const starts = headings.filter((h) => h.depth <= depth && h.start >= first.start);
  const sections: ChangelogSection[] = starts.map((h, n) => {
    const start = lineStart(text, h.start);
    const headingEnd = afterLineEnd(text, h.end);
    const following = starts[n + 1];
    const end = following ? lineStart(text, following.start) : text.length;
    return { heading: h.parsed, rawHeading: text.slice(start, headingEnd), body: text.slice(headingEnd, end), start, end };
  });
  return { preamble: text.slice(0, sections[0]?.start ?? text.length), sections };
}

function parse(text: string, templates: HeadingTemplates): Changelog {
  return sectionsOf(text, readHeadings(text, templates).headings);
}

/** The headings down to the newest release's end; exported so tests can count the work. */
export function headHeadings(text: string, templates: HeadingTemplates): HeadingScan {
  const released = (parsed: ParsedHeading) => !parsed.unreleased && parsed.version !== undefined;
  return readHeadings(text, templates, (found) => closed(found, released));
}

/** Down to the newest release, whose section is whole: the unreleased one and the one it follows. */
function head(text: string, templates: HeadingTemplates): Changelog {
  return sectionsOf(text, headHeadings(text, templates).headings);
}

function through(text: string, templates: HeadingTemplates, version: string): Changelog {
  const named = (parsed: ParsedHeading) => parsed.version !== undefined && sameVersion(parsed.version, version);
  return sectionsOf(text, readHeadings(text, templates, (found) => closed(found, named)).headings);
}

const DEPTHS = [1, 2, 3, 4, 5, 6] as const satisfies readonly Heading["depth"][];

function depthOf(section: ChangelogSection | undefined): Heading["depth"] {
  if (!section) return DEFAULT_DEPTH;
  const atx = /^ {0,3}(#{1,6})(?:\s|$)/.exec(section.rawHeading);
  if (atx) return DEPTHS.find((depth) => depth === atx[1]?.length) ?? DEFAULT_DEPTH;
  // Setext: a `=` underline is level one, a `-` underline level two.
  return /\n\s*=+\s*(?:\r?\n)?$/.test(section.rawHeading) ? 1 : 2;
}

/** remark-stringify escapes what needs escaping (`*`, `_`, a leading `#`) in generated text. */
function stringify(children: RootContent[]): string {
  const root: Root = { type: "root", children };
  return printer.stringify(root).replace(/\n+$/, "");
}

/**
 * A leading `[1.2.0]` or `[Unreleased]` is Keep a Changelog's link to its definition: written as
 * a shortcut reference, so its brackets stay brackets while the rest is escaped as text.
 */
function headingWords(title: string): PhrasingContent[] {
  const bracketed = /^\[([^[\]\\]+)\](?=\s|$)/.exec(title);
  if (!bracketed) return [{ type: "text", value: title }];
  const label = bracketed[1] ?? "";
  const rest = title.slice(bracketed[0].length);
  const reference: PhrasingContent = {
    type: "linkReference",
    identifier: label.toLowerCase(),
    label,
    referenceType: "shortcut",
    children: [{ type: "text", value: label }],
  };
  return rest === "" ? [reference] : [reference, { type: "text", value: rest }];
}

function headingBlock(title: string, eol: string, like: ChangelogSection | undefined): string {
  return stringify([{ type: "heading", depth: depthOf(like), children: headingWords(title) }]) + eol;
}

function itemBlock(text: string, eol: string): string {
  const item: ListItem = { type: "listItem", spread: false, children: [{ type: "paragraph", children: [{ type: "text", value: text }] }] };
  const list: List = { type: "list", ordered: false, spread: false, children: [item] };
  return stringify([list]).split("\n").join(eol) + eol;
}

function itemText(body: string, item: ListItem): string | undefined {
  const content = item.children[0]?.position;
  const end = item.position?.end.offset;
  if (content?.start.offset === undefined || end === undefined) return undefined;
  const indent = content.start.column - 1;
  return body
    .slice(content.start.offset, end)
    .split(/\r?\n/)
    .map((line, i) => (i === 0 ? line : line.slice(Math.min(indent, /^ */.exec(line)?.[0].length ?? 0))).trimEnd())
    .join("\n")
    .trimEnd();
}

function items(body: string): readonly string[] {
  const out: string[] = [];
  for (const node of tree(body)?.children ?? []) {
    if (node.type !== "list") continue;
    for (const item of node.children) {
      const text = itemText(body, item);
      if (text !== undefined) out.push(text);
    }
  }
  return out;
}

export const markdownSyntax: ChangelogSyntax = {
  name: "markdown",
  parse,
  head,
  through,
  headings: scanHeadingLines,
  headingBlock,
  itemBlock,
  items,
  dialect: (like) =>
    isKeepAChangelog(like)
      ? {
          releaseTitle: ({ version, date }) => keepAChangelogHeading(version, date),
          unreleasedTitle: KAC_UNRELEASED,
          placeholder: false,
          afterRelease: updateCompareLinks,
        }
      : undefined,
};

export function markdownChangelog(templates: HeadingTemplates = {}): ChangelogFormat {
  return sectionedFormat(markdownSyntax, templates);
}
