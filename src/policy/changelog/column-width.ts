// The width of a reStructuredText section title as docutils measures it (docutils.utils.
// column_width): East Asian wide and fullwidth characters, emoji among them, take two columns and
// combining marks none. An underline shorter than that makes docutils warn, and `sphinx -W` fail.
import { COMBINING, WIDE } from "./column-width-data.js";

type Ranges = readonly (readonly [number, number])[];

function decode(table: string): Ranges {
  return table.split(" ").map((range) => {
    const [from = "0", to = from] = range.split("-");
    return [Number.parseInt(from, 16), Number.parseInt(to, 16)] as const;
  });
}

const wide = decode(WIDE);
const combining = decode(COMBINING);

function within(ranges: Ranges, codePoint: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [from, to] = ranges[middle] ?? [0, -1];
    if (codePoint < from) high = middle - 1;
    else if (codePoint > to) low = middle + 1;
    else return true;
  }
  return false;
}

/** Columns of `text`, counted per code point as docutils does. */
export function columnWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    const codePoint = char.codePointAt(0) ?? 0;
    width += within(wide, codePoint) ? 2 : 1;
    if (within(combining, codePoint)) width -= 1;
  }
  return width;
}
