// Openverse's notes are kept prettier-formatted (prose wrapped at 80 columns), and the published
// release body is copied verbatim into `documentation/changelogs/...`. Wrapping here makes the
// draft, the release and the committed file the same text, so no formatter rewrites it later.

export const WRAP_COLUMN = 80;

/** Words, with an inline code span kept whole as prettier keeps it. */
function words(text: string): readonly string[] {
  const out: string[] = [];
  const pattern = /`[^`]*`\S*|\S+/g;
  for (const match of text.matchAll(pattern)) {
    // A code span glued to a word before it (`foo`bar or a`b`) stays one word too.
    const previous = out[out.length - 1];
    const start = match.index;
    // Any whitespace before it (a newline in a PR title too) makes it a word of its own.
    if (previous !== undefined && start > 0 && !/\s/.test(text[start - 1] ?? " ")) out[out.length - 1] = previous + match[0];
    else out.push(match[0]);
  }
  return out;
}

/**
 * Greedy wrap: a `- ` list item continues with two spaces of indent, other text with none.
 * A word longer than the column sits alone on its line rather than being split.
 */
export function wrapText(text: string, column: number = WRAP_COLUMN): string {
  if (column <= 0) return text;
  const item = text.startsWith("- ");
  const indent = item ? "  " : "";
  const lines: string[] = [];
  let current = "";
  for (const word of words(item ? text.slice(2) : text)) {
    const prefix = current === "" ? (lines.length === 0 ? (item ? "- " : "") : indent) : `${current} `;
    const candidate = prefix + word;
    if (current !== "" && candidate.length > column) {
      lines.push(current);
      current = indent + word;
    } else {
      current = candidate;
    }
  }
  if (current !== "") lines.push(current);
  return lines.join("\n");
}
