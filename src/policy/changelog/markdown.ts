// Markdown changelogs (Keep a Changelog, or GWCelery-style headings in a CHANGELOG.md). The text
// is parsed to mdast with remark only to find headings and list items by their source offsets;
// edits are spliced into the original text, because re-stringifying the whole tree would rewrite
// bullets, emphasis and wrapping in every release the team already published.
import type { Heading, List, ListItem, Nodes, Root, RootContent } from "mdast";
import remarkParse from "remark-parse";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { boundMarkdownNesting } from "../markdown-bounds.js";
import { isReleaseHeading, parseHeadingText } from "./heading.js";
import { sectionedFormat, type ChangelogSyntax } from "./sections.js";
import type { Changelog, ChangelogFormat, ChangelogSection, HeadingTemplates } from "./types.js";

const DEFAULT_DEPTH: Heading["depth"] = 2;
// Built once: a frozen processor parses any number of documents. Emphasis is not parsed: only
// headings and list items matter here, and resolving `*`/`_` delimiters is quadratic in
// micromark (40 KB of `*a` took 11 s), which a changelog on the default branch could hold.
const parser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [{ disable: { null: ["attention"] } }])
  .freeze();
const printer = unified().use(remarkStringify, { bullet: "-" }).freeze();

function tree(text: string): Root | undefined {
  try {
    // Same length, so the tree's offsets are offsets into `text`.
    return parser.parse(boundMarkdownNesting(text));
  } catch {
    // remark is not known to throw on any input, but parse must never throw, whatever remark does.
    return undefined;
  }
}

/** Emphasis markers at the edge of a word, which the parser above leaves in the text. */
const EMPHASIS = /(?<![\p{L}\p{N}])[*_]+|[*_]+(?![\p{L}\p{N}])/gu;

/** The words of a heading: link text without its URL, code without backticks or emphasis. */
function plainText(node: Nodes): string {
  if (node.type === "text") return node.value.replace(EMPHASIS, "");
  if ("value" in node && typeof node.value === "string" && node.type !== "html") return node.value;
  if ("children" in node) return node.children.map((child: Nodes) => plainText(child)).join("");
  return "";
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

function afterLineEnd(text: string, offset: number): number {
  if (text.startsWith("\r\n", offset)) return offset + 2;
  return text.startsWith("\n", offset) ? offset + 1 : offset;
}

function parse(text: string, templates: HeadingTemplates): Changelog {
  const root = tree(text);
  const headings = (root?.children ?? [])
    .filter((node): node is Heading => node.type === "heading" && node.position?.start.offset !== undefined)
    .map((node) => ({ node, parsed: parseHeadingText(plainText(node), templates) }));
  const releases = headings.filter((h) => isReleaseHeading(h.parsed));
  const first = releases[0];
  if (!first) return { preamble: text, sections: [] };
  // Releases sit at one level (`##` in Keep a Changelog, `#` in an Openverse release file); every
  // heading at that level or above, from the first release on, starts a section.
  const depth = Math.min(...releases.map((h) => h.node.depth));
  const firstOffset = first.node.position?.start.offset ?? 0;
  const starts = headings.filter((h) => h.node.depth <= depth && (h.node.position?.start.offset ?? 0) >= firstOffset);
  const sections: ChangelogSection[] = [];
  starts.forEach((h, n) => {
    const start = lineStart(text, h.node.position?.start.offset ?? 0);
    const headingEnd = afterLineEnd(text, h.node.position?.end.offset ?? start);
    const following = starts[n + 1];
    const end = following ? lineStart(text, following.node.position?.start.offset ?? text.length) : text.length;
    sections.push({ heading: h.parsed, rawHeading: text.slice(start, headingEnd), body: text.slice(headingEnd, end), start, end });
  });
  const firstStart = sections[0]?.start ?? text.length;
  return { preamble: text.slice(0, firstStart), sections };
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

function headingBlock(title: string, eol: string, like: ChangelogSection | undefined): string {
  return stringify([{ type: "heading", depth: depthOf(like), children: [{ type: "text", value: title }] }]) + eol;
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

export const markdownSyntax: ChangelogSyntax = { name: "markdown", parse, headingBlock, itemBlock, items };

export function markdownChangelog(templates: HeadingTemplates = {}): ChangelogFormat {
  return sectionedFormat(markdownSyntax, templates);
}
