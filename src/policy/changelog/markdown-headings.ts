// The top-level headings of a Markdown changelog, read window by window so the work grows with
// what is read and stops where the caller has enough. micromark costs about 2-3 s a megabyte, and
// more than linearly on one large document (5 MB took 90 s and 2.7 GB), while a release edits
// only the head of the file.
//
// Why a window can restart: a block that is followed by another top-level block is closed, and
// CommonMark never reopens a closed block (spec §"Phase 1: block structure"); the next top-level
// block starts with no container open, exactly as at the start of a document. So every root
// child of a window but the last is final, and the next window starts at the last one's line.
// Link reference definitions are the exception: they are paragraph text until the paragraph
// ends, so a window never restarts right after one. Their labels reach across blocks, but only
// change whether `[1.2.0]` is a link, not whether a line is a heading, and a reference's words
// are read with its brackets (plainText), the same with or without its definition.
import type { Heading, Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { boundMarkdownNesting } from "../markdown-bounds.js";
import { parseHeadingText } from "./heading.js";
import type { HeadingTemplates, ParsedHeading } from "./types.js";

// Built once: a frozen processor parses any number of documents. Emphasis is not parsed: only
// headings and list items matter here, and resolving `*`/`_` delimiters is quadratic in
// micromark (40 KB of `*a` took 11 s), which a changelog on the default branch could hold.
const parser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [{ disable: { null: ["attention"] } }])
  .freeze();

export function tree(text: string): Root | undefined {
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
  // A reference reads as its brackets and words whether or not its definition exists (it may lie
  // past the window being read): `[1.2.0]` is `[1.2.0]` either way.
  if (node.type === "linkReference") {
    const words = `[${node.children.map((child: Nodes) => plainText(child)).join("")}]`;
    return node.referenceType === "full" ? `${words}[${node.label ?? node.identifier}]` : node.referenceType === "collapsed" ? `${words}[]` : words;
  }
  if (node.type === "imageReference") {
    const alt = `![${node.alt ?? ""}]`;
    return node.referenceType === "full" ? `${alt}[${node.label ?? node.identifier}]` : node.referenceType === "collapsed" ? `${alt}[]` : alt;
  }
  if (node.type === "text") return node.value.replace(EMPHASIS, "");
  if ("value" in node && typeof node.value === "string" && node.type !== "html") return node.value;
  if ("children" in node) return node.children.map((child: Nodes) => plainText(child)).join("");
  return "";
}

export interface FoundHeading {
  readonly depth: Heading["depth"];
  /** Offsets into the whole text: the heading's first character and the end of its markup. */
  readonly start: number;
  readonly end: number;
  readonly parsed: ParsedHeading;
}

export interface HeadingScan {
  readonly headings: readonly FoundHeading[];
  /** Characters handed to the Markdown parser, windows overlapping: the work done. */
  readonly parsedChars: number;
}

export const DEFAULT_WINDOW = 4 * 1024;

/**
 * Top-level headings in document order, until `enough` says the caller has what it needs (it
 * sees every heading so far). `window` is the first window's size; a window holding a single
 * block doubles until it holds two.
 */
export function readHeadings(
  text: string,
  templates: HeadingTemplates,
  enough: (headings: readonly FoundHeading[]) => boolean = () => false,
  window = DEFAULT_WINDOW,
): HeadingScan {
  const headings: FoundHeading[] = [];
  let from = 0;
  let size = window;
  let parsedChars = 0;
  while (from < text.length) {
    const cut = from + size;
    const newline = cut >= text.length ? -1 : text.indexOf("\n", cut);
    const to = newline === -1 ? text.length : newline + 1;
    const children = tree(text.slice(from, to))?.children ?? [];
    parsedChars += to - from;
    const last = to === text.length;
    let final = last ? children.length : children.length - 1;
    // A link reference definition is the start of a paragraph to CommonMark: text right after it
    // continues that block (and may make it a setext heading), so no window restarts after one.
    while (!last && final > 0 && children[final - 1]?.type === "definition") final -= 1;
    if (final < 1 && !last) {
      size *= 2;
      continue;
    }
    for (const node of children.slice(0, final)) {
      const start = node.position?.start.offset;
      if (node.type !== "heading" || start === undefined) continue;
      headings.push({
        depth: node.depth,
        start: from + start,
        end: from + (node.position?.end.offset ?? start),
        parsed: parseHeadingText(plainText(node), templates),
      });
    }
    const open = children[final]?.position?.start.offset;
    if (last || open === undefined || enough(headings)) return { headings, parsedChars };
    const next = text.lastIndexOf("\n", from + open - 1) + 1;
    // Blocks start on their own line, so the open one starts past `from`; should it not, the
    // window grows instead, which still ends.
    if (next <= from) size *= 2;
    else [from, size] = [next, window];
  }
  return { headings, parsedChars };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^ {0,3}#{1,6}(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/;
const SETEXT = /^ {0,3}(?:=+|-+)[ \t]*$/;

/** A heading line's words: link URLs, code backticks and emphasis markers dropped. */
function lineWords(line: string): string {
  return line
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/`/g, "")
    .replace(EMPHASIS, "");
}

/** After up to three spaces, only these can start a fence or a heading line. */
const MARKS = new Set(["#", "`", "~", "=", "-"]);

function blankFrom(text: string, at: number, end: number): boolean {
  for (let i = at; i < end; i += 1) if (text[i] !== " " && text[i] !== "\t" && text[i] !== "\r") return false;
  return true;
}

/**
 * Every heading by a line scan, for what needs the whole file but only its headings' words (the
 * codenames already used, whether a version already has a section): ATX headings, and setext
 * headings (the paragraph above a `===` or `---` line, all its lines), outside fenced code.
 * Linear, and about a hundred times cheaper than the parse above, because only lines starting
 * with a heading or fence mark are looked at closely; it may take a heading-like line inside an
 * HTML block for a heading, which only ever adds a name.
 */
export function scanHeadingLines(text: string, templates: HeadingTemplates): readonly ParsedHeading[] {
  const out: ParsedHeading[] = [];
  let fence: string | undefined;
  /** Where the paragraph that a setext underline would turn into a heading starts, if any. */
  let paragraph = -1;
  for (let start = 0; start < text.length; ) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    let mark = start;
    while (mark < end && mark - start < 3 && text[mark] === " ") mark += 1;
    let starts = paragraph === -1 ? start : paragraph;
    if (MARKS.has(text[mark] ?? "")) {
      const line = text.slice(start, text[end - 1] === "\r" ? end - 1 : end);
      const opened = FENCE.exec(line)?.[1];
      if (fence !== undefined) {
        if (opened !== undefined && opened[0] === fence[0] && opened.length >= fence.length && line.trim() === opened) fence = undefined;
        starts = -1;
      } else if (opened !== undefined) {
        fence = opened;
        starts = -1;
      } else if (ATX.test(line)) {
        out.push(parseHeadingText(lineWords(ATX.exec(line)?.[1] ?? ""), templates));
        starts = -1;
      } else if (SETEXT.test(line) && paragraph !== -1) {
        const words = text
          .slice(paragraph, start)
          .replace(/\r?\n$/, "")
          .replace(/\r\n/g, "\n");
        out.push(
          parseHeadingText(
            lineWords(
              words
                .split("\n")
                .map((l) => l.trim())
                .join("\n"),
            ),
            templates,
          ),
        );
        starts = -1;
      }
    } else if (fence !== undefined) {
      starts = -1;
    }
    if (blankFrom(text, start, end)) starts = -1;
    // A paragraph cannot start with a list marker, a quote or indented code, and a bullet or a
    // quote ends one.
    const lineHead = text.slice(start, Math.min(end, start + 16));
    if (/^ {0,3}(?:[-*+][ \t]|>)/.test(lineHead) || (starts === start && /^ {0,3}(?:[-*+]$|\d+[.)](?:[ \t]|$))|^ {4}|^\t/.test(lineHead))) starts = -1;
    paragraph = starts;
    start = end + 1;
  }
  return out;
}
