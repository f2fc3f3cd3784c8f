// Markdown as remark may safely read it. micromark's container handling costs about depth × lines,
// so a staircase of nested bullets is cubic: 500 lines, each indented two more spaces, took 7 s,
// and 1,000 bullets on one line (`- - - …`) a quarter of a second. No changelog or checklist nests
// that deep, so what lies deeper than the limit is read as plain text: its characters are swapped
// one for one (offsets, and so every splice into the original text, stay exact).

/** Columns of indentation and container markers a line keeps before the rest is plain text. */
export const MAX_MARKDOWN_PREFIX = 48;

const NBSP = "\u00a0";

/** Every line's container prefix (blanks, `-`, `*`, `+`, `>`, `1.`) cut at the limit. */
export function boundMarkdownNesting(text: string): string {
  let out = "";
  let from = 0;
  let lineStart = true;
  let prefix = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i] ?? "";
    // Markdown ends a line at \n, \r\n and a lone \r alike.
    if (char === "\n" || char === "\r") {
      lineStart = true;
      prefix = 0;
      continue;
    }
    if (!lineStart) continue;
    if (!PREFIX_CHARS.includes(char)) {
      lineStart = false;
      continue;
    }
    prefix += 1;
    // The first prefix character past the limit becomes a no-break space, which no construct
    // starts with, so the rest of the line is text.
    if (prefix > MAX_MARKDOWN_PREFIX) {
      out += text.slice(from, i) + NBSP;
      from = i + 1;
      lineStart = false;
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

const PREFIX_CHARS = " \t>-*+0123456789.)";
