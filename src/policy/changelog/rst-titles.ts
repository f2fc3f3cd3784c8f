// Section titles as docutils reads them (docutils/parsers/rst/states.py, Text.underline and
// Line.text): a title line under an optional overline and over an underline of one repeated
// 7-bit punctuation character. An adornment at least as wide as the title (columnWidth), or of
// four characters or more (docutils then warns, but still makes a section), makes a title; a
// shorter one is ordinary text. Overline and underline must be the same. Titles sharing a style
// (character, with or without overline) share a level, ranked by first appearance.
import { columnWidth } from "./column-width.js";

export interface Line {
  readonly text: string;
  /** The line including its terminator. */
  readonly raw: string;
  readonly start: number;
}

export interface Title {
  /** Index of the title's first line (the overline, when there is one). */
  readonly line: number;
  /** Lines the title takes: 2, or 3 with an overline. */
  readonly span: number;
  readonly text: string;
  /** `=`, `-`, `~`…, prefixed with `^` when the title has an overline: one string per level. */
  readonly style: string;
}

export function lines(text: string): readonly Line[] {
  const out: Line[] = [];
  let start = 0;
  while (start < text.length) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline + 1;
    const raw = text.slice(start, end);
    out.push({ raw, text: raw.replace(/\r?\n$/, ""), start });
    start = end;
  }
  return out;
}

/** docutils' `nonalphanum7bit`, repeated, trailing blanks allowed. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1* *$/;

/** `!`-`/`, `:`-`@`, `[`-`` ` ``, `{`-`~`: the characters ADORNMENT repeats. */
function punctuation(code: number): boolean {
  return (code >= 33 && code <= 47) || (code >= 58 && code <= 64) || (code >= 91 && code <= 96) || (code >= 123 && code <= 126);
}

function adornment(line: Line | undefined): string | undefined {
  // Most lines start with a letter or a blank: the first character settles them without a regex.
  if (line === undefined || !punctuation(line.text.charCodeAt(0))) return undefined;
  const text = line.text.trimEnd();
  return ADORNMENT.test(text) ? text : undefined;
}

/** Lines that docutils reads as something else before it could be a title: lists, directives. */
const NOT_A_TITLE = /^(?:[-*+•‣⁃](?: |$)|\.\. |\d+[.)] |\||>>>)/;

function wideEnough(mark: string, title: string): boolean {
  return mark.length >= columnWidth(title) || mark.length >= 4;
}

function blankBefore(all: readonly Line[], index: number): boolean {
  const before = all[index - 1];
  return before === undefined || before.text.trim() === "";
}

function titleAt(all: readonly Line[], index: number): Title | undefined {
  if (!blankBefore(all, index)) return undefined;
  const first = all[index];
  const over = adornment(first);
  if (over !== undefined) {
    const title = all[index + 1]?.text.trim() ?? "";
    const under = adornment(all[index + 2]);
    if (title === "" || adornment(all[index + 1]) !== undefined || under !== over || !wideEnough(over, title)) return undefined;
    return { line: index, span: 3, text: title, style: `^${over[0]}` };
  }
  const text = first?.text.trimEnd() ?? "";
  const under = adornment(all[index + 1]);
  if (text === "" || /^\s/.test(text) || NOT_A_TITLE.test(text) || under === undefined || !wideEnough(under, text)) return undefined;
  return { line: index, span: 2, text, style: under[0] ?? "-" };
}

/** Every section title of the document, in order. */
export function titles(all: readonly Line[]): readonly Title[] {
  const out: Title[] = [];
  for (let i = 0; i < all.length; i += 1) {
    const title = titleAt(all, i);
    if (title === undefined) continue;
    out.push(title);
    i += title.span - 1;
  }
  return out;
}

/** Styles in the order the document first uses them: index 0 is the top level. */
export function styleRanks(found: readonly Title[]): ReadonlyMap<string, number> {
  const ranks = new Map<string, number>();
  for (const title of found) if (!ranks.has(title.style)) ranks.set(title.style, ranks.size);
  return ranks;
}

/** The style of a section's raw heading, as `titles` names it. */
export function styleOf(rawHeading: string): string | undefined {
  return titles(lines(rawHeading))[0]?.style;
}

/** A title in `style`, its adornment exactly as wide as docutils measures the title. */
export function renderTitle(title: string, style: string, eol: string): string {
  const overline = style.startsWith("^");
  const char = overline ? style.slice(1) : style;
  const mark = char.repeat(Math.max(1, columnWidth(title)));
  return overline ? `${mark}${eol}${title}${eol}${mark}${eol}` : `${title}${eol}${mark}${eol}`;
}
