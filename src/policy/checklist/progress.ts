// How far a checklist is, and the one line of the body the bot owns to say so. The bot edits
// only between its own progress markers, so whatever people wrote stays byte for byte.

import { findTaskItems, PROGRESS_END, PROGRESS_START, progressRegions } from "./task-items.js";

export interface OpenItem {
  readonly text: string;
  readonly line: number;
  readonly section?: string;
}

export interface CrossedOutItem {
  /** The struck-through text, without the tildes or the reason. */
  readonly text: string;
  readonly reason?: string;
}

export interface Progress {
  readonly total: number;
  /** Ticked items plus crossed-out ones (and the sub-items of crossed-out ones). */
  readonly done: number;
  readonly open: readonly OpenItem[];
  /** Items people struck through themselves, with the reason they gave. */
  readonly crossedOut: readonly CrossedOutItem[];
}

export function countProgress(body: string): Progress {
  const open: OpenItem[] = [];
  const crossedOut: CrossedOutItem[] = [];
  let done = 0;
  const items = findTaskItems(body);
  for (const item of items) {
    if (item.crossedOut !== undefined) {
      done += 1;
      if (!item.crossedOut.inherited) {
        crossedOut.push({
          text: item.crossedOut.text,
          ...(item.crossedOut.reason === undefined ? {} : { reason: item.crossedOut.reason }),
        });
      }
    } else if (item.checked) {
      done += 1;
    } else {
      open.push({ text: item.text, line: item.line, ...(item.section === undefined ? {} : { section: item.section }) });
    }
  }
  return { total: items.length, done, open, crossedOut };
}

/** The sentence inside the progress region. */
export function progressText(progress: Progress): string {
  if (progress.total === 0) return "**Release checklist:** no task items found.";
  const crossed = progress.crossedOut.length === 0 ? "" : ` (${progress.crossedOut.length} crossed out)`;
  if (progress.open.length === 0) {
    const all = progress.total === 1 ? "the one item" : `all ${progress.total} items`;
    return `**Release checklist:** ✅ ${all} done${crossed}.`;
  }
  return `**Release checklist:** ${progress.done} of ${progress.total} items done${crossed}, ${progress.open.length} open.`;
}

/**
 * Puts the progress line at the top of the body, or replaces the text of the existing one.
 * Applying it twice gives the same body as applying it once.
 */
export function withProgressLine(body: string, progress: Progress): string {
  // Match the body's line endings: issues edited in a browser often use CRLF.
  const eol = body.includes("\r\n") ? "\r\n" : "\n";
  // The markers sit on their own lines: a line that starts with `<!--` is a raw HTML block, in
  // which GitHub would show the Markdown of the sentence literally.
  const inner = `${eol}${progressText(progress)}${eol}`;
  const [region] = progressRegions(body);
  if (region !== undefined) {
    const innerStart = region[0] + PROGRESS_START.length;
    const innerEnd = region[1] - PROGRESS_END.length;
    if (body.slice(innerStart, innerEnd) === inner) return body;
    return body.slice(0, innerStart) + inner + body.slice(innerEnd);
  }
  const separator = body === "" ? eol : eol + eol;
  return `${PROGRESS_START}${inner}${PROGRESS_END}${separator}${body}`;
}
