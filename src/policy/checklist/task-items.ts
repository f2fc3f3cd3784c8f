// Finds the task items of a checklist body with a real CommonMark parser, so that task-like text
// inside code fences, indented code and HTML comments is never mistaken for an item, and every
// item keeps its exact source offsets for edits that must not disturb anything else.
// remark-parse alone (no GFM extension) leaves `[ ]` as text; we read the checkbox from source.

import type { Nodes, Root } from "mdast";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { boundMarkdownNesting } from "../markdown-bounds.js";

export interface TaskItem {
  readonly checked: boolean;
  /** Offset of the character between the brackets, the one a tick replaces. */
  readonly boxOffset: number;
  /** 1-based line of the checkbox. */
  readonly line: number;
  /** Item text as written (Markdown kept), comments removed, whitespace collapsed. */
  readonly text: string;
  /** Source range of the item's own text: after the checkbox up to its first nested list. */
  readonly ownStart: number;
  readonly ownEnd: number;
  /** Nearest heading above the item, to tell a person where it is. */
  readonly section?: string;
  /** Set when the item text is struck through (`~~...~~`) or a parent item is. */
  readonly crossedOut?: {
    /** What was struck through, without the tildes; the parent's for inherited ones. */
    readonly text: string;
    readonly reason?: string;
    readonly inherited: boolean;
  };
}

// Issue bodies are anyone's text: emphasis, which is read from the source here anyway, is not
// parsed (its delimiters are quadratic in micromark), and nesting is bounded (markdown-bounds.ts).
const parser = unified()
  .use(remarkParse)
  .data("micromarkExtensions", [{ disable: { null: ["attention"] } }]);

const CHECKBOX = /^\[([ xX])\](?=[ \t\r\n])/;
const COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** The whole item text struck through (GFM accepts one or two tildes), then the reason. */
const STRUCK = /^(~~?)(?!~)([\s\S]*?[^~\s])\1(?!~)([\s\S]*)$/;

export const PROGRESS_START = "<!-- release-pilot:progress -->";
export const PROGRESS_END = "<!-- /release-pilot:progress -->";

/** Ranges of the bot's own progress region(s); items inside them are never counted. */
export function progressRegions(body: string): readonly (readonly [number, number])[] {
  const regions: (readonly [number, number])[] = [];
  let from = 0;
  for (;;) {
    const start = body.indexOf(PROGRESS_START, from);
    if (start < 0) return regions;
    const end = body.indexOf(PROGRESS_END, start + PROGRESS_START.length);
    if (end < 0) return regions;
    regions.push([start, end + PROGRESS_END.length]);
    from = end + PROGRESS_END.length;
  }
}

/**
 * The body as the parser sees it: the bot's regions removed, so nothing inside them (even an
 * unclosed fence) can change how the rest is read, and rewriting a region never changes a count.
 */
interface Stripped {
  readonly text: string;
  /** Maps an offset in `text` back to the original body. */
  readonly original: (offset: number) => number;
}

function stripRegions(body: string): Stripped {
  const regions = progressRegions(body);
  if (regions.length === 0) return { text: body, original: (offset) => offset };
  let text = "";
  let from = 0;
  const shifts: { readonly at: number; readonly by: number }[] = [];
  let removed = 0;
  for (const [start, end] of regions) {
    text += body.slice(from, start);
    removed += end - start;
    shifts.push({ at: text.length, by: removed });
    from = end;
  }
  text += body.slice(from);
  return {
    text,
    original: (offset) => {
      let by = 0;
      for (const shift of shifts) if (offset >= shift.at) by = shift.by;
      return offset + by;
    },
  };
}

export function findTaskItems(body: string): readonly TaskItem[] {
  const stripped = stripRegions(body);
  const tree: Root = parser.parse(boundMarkdownNesting(stripped.text));
  const lineStarts = [0];
  for (let i = body.indexOf("\n"); i >= 0; i = body.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineOf = (offset: number): number => {
    // Binary search for the last line start at or before `offset`.
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((lineStarts[mid] ?? Infinity) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  const items: TaskItem[] = [];
  const state: { section?: string } = {};
  const visit = (node: Nodes, struckParent: { text: string; reason?: string } | undefined): void => {
    if (node.type === "heading") {
      state.section = headingText(stripped.text, node) ?? state.section;
      return;
    }
    let inherited = struckParent;
    if (node.type === "listItem") {
      const item = readItem(stripped.text, node, state.section, struckParent);
      if (item !== undefined) {
        const boxOffset = stripped.original(item.boxOffset);
        items.push({
          ...item,
          boxOffset,
          line: lineOf(boxOffset),
          ownStart: stripped.original(item.ownStart),
          ownEnd: stripped.original(item.ownEnd),
        });
        // Crossing out a step crosses out its sub-steps: they were skipped for the same reason.
        if (item.crossedOut !== undefined) {
          const { text, reason } = item.crossedOut;
          inherited = reason === undefined ? { text } : { text, reason };
        }
      }
    }
    if ("children" in node) {
      for (const child of node.children) visit(child, inherited);
    }
  };
  visit(tree, undefined);
  return items;
}

function readItem(
  body: string,
  node: Extract<Nodes, { type: "listItem" }>,
  section: string | undefined,
  struckParent: { text: string; reason?: string } | undefined,
): TaskItem | undefined {
  const first = node.children[0];
  const start = first?.position?.start.offset;
  const end = first?.position?.end.offset;
  if (first?.type !== "paragraph" || start === undefined || end === undefined) return undefined;
  const box = CHECKBOX.exec(body.slice(start, start + 4));
  if (box === null) return undefined;
  const nested = node.children.find((child) => child.type === "list")?.position?.start.offset;
  const ownEnd = nested ?? node.position?.end.offset ?? end;
  const text = collapse(body.slice(start + 3, end));
  const struck = STRUCK.exec(text);
  const crossedOut =
    struck !== null
      ? { text: (struck[2] ?? "").trim(), ...reasonField(struck[3] ?? ""), inherited: false }
      : struckParent !== undefined
        ? { ...struckParent, inherited: true }
        : undefined;
  return {
    checked: box[1] !== " ",
    boxOffset: start + 1,
    line: 0,
    text,
    ownStart: start + 3,
    ownEnd: Math.max(ownEnd, start + 3),
    ...(section === undefined ? {} : { section }),
    ...(crossedOut === undefined ? {} : { crossedOut }),
  };
}

function collapse(source: string): string {
  return source.replace(COMMENT, " ").replace(/\s+/g, " ").trim();
}

/** `~~Connected to GCN~~ (GCN down)` → reason `GCN down`; separators and wrapping are dropped. */
function reasonField(rest: string): { reason?: string } {
  let reason = rest.trim().replace(/^[-–—:;,.]+\s*/, "");
  const wrapped = /^\(([\s\S]*)\)$/.exec(reason);
  if (wrapped?.[1] !== undefined) reason = wrapped[1].trim();
  reason = reason.replace(/^reason\s*:\s*/i, "").trim();
  return reason === "" ? {} : { reason };
}

function headingText(body: string, node: Extract<Nodes, { type: "heading" }>): string | undefined {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return undefined;
  // ATX (`## Basics ##`) or the first line of a setext heading.
  const firstLine = body.slice(start, end).split(/\r?\n/)[0] ?? "";
  const text = collapse(firstLine.replace(/^\s*#+/, "").replace(/\s#+\s*$/, ""));
  return text === "" ? undefined : text;
}
