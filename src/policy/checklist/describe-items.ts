// Item text written for a comment rather than for the checklist itself: links reduced to their
// label and long items cut, so a list of open items stays readable.

import type { CrossedOutItem, OpenItem } from "./progress.js";

const MAX_LENGTH = 100;

export function plainItemText(text: string): string {
  const plain = text
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\s+/g, " ")
    .trim();
  if (plain.length <= MAX_LENGTH) return plain;
  const cut = plain.slice(0, MAX_LENGTH - 1);
  const space = cut.lastIndexOf(" ");
  let shortened = space > MAX_LENGTH / 2 ? cut.slice(0, space) : cut;
  // A cut may leave a code span or emphasis open, which would swallow the rest of the comment:
  // cut again before the delimiter left unmatched.
  for (const delimiter of ["`", "~~", "**", "*"]) {
    while (shortened.split(delimiter).length % 2 === 0) shortened = shortened.slice(0, shortened.lastIndexOf(delimiter));
  }
  return `${shortened.replace(/[\s,.;:]+$/, "")}…`;
}

/** `- text (Basics, line 16)` lines, at most `limit`, then how many more. */
export function openItemLines(open: readonly OpenItem[], limit: number): string[] {
  const lines = open.slice(0, limit).map((item) => {
    const where = item.section === undefined ? `line ${item.line}` : `${item.section}, line ${item.line}`;
    return `- ${plainItemText(item.text)} (${where})`;
  });
  if (open.length > limit) lines.push(`- and ${open.length - limit} more`);
  return lines;
}

export function crossedOutLines(crossedOut: readonly CrossedOutItem[]): string[] {
  return crossedOut.map((item) => `- ${plainItemText(item.text)} — ${item.reason === undefined ? "no reason given" : plainItemText(item.reason)}`);
}
