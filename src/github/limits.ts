// GitHub refuses a body over its size limit with 422, and the whole write fails: a release whose
// notes list too many PRs is never drafted, a config check with too many problems never reports.
// So every body leaving the executor is fitted here, once, just before it is sent: cut at a line
// where possible, with a visible note saying so, and with the hidden markers at its end kept whole
// (the executor finds its own comments and issues by them, src/github/marker.ts).
//
// The limits, from GitHub:
// - check run `output.summary` (and `output.text`): "Maximum length: 65535 characters", REST docs,
//   https://docs.github.com/rest/checks/runs#create-a-check-run (quoted in
//   github/rest-api-description#5399, which also notes the limit behaves as bytes in practice);
// - issue and comment bodies (pull request bodies are issue bodies): 422 "body is too long
//   (maximum is 65536 characters)", recorded in danger/danger#424 and lazy-actions/gitrivy#102;
// - release bodies: 422 "body is too long (maximum is 125000 characters)", recorded in
//   softprops/action-gh-release#374 and ncipollo/release-action#493.
// Whether GitHub counts characters or bytes is not documented, so bodies are measured in UTF-8
// bytes, which are never fewer than characters: a fitted body is within the limit either way.

export const LIMITS = {
  checkRunSummary: 65_535,
  issueBody: 65_536,
  comment: 65_536,
  pullRequestBody: 65_536,
  releaseBody: 125_000,
} as const;

/**
 * Where the markers that end a body the bot owns begin (the body's length when there are none).
 * Scanned from the end by hand: a regex anchored at `$` would backtrack over long whitespace.
 */
function markersStart(body: string): number {
  let start = body.length;
  for (;;) {
    const head = body.slice(0, start).trimEnd();
    if (!head.endsWith("-->")) return start;
    const open = head.lastIndexOf("<!-- release-pilot:");
    if (open < 0 || head.includes("\n", open)) return start;
    start = open;
  }
}

function bytes(text: string): number {
  return Buffer.byteLength(text, "utf8");
}

function note(limit: number): string {
  return `\n\n*… cut here: the full text is longer than GitHub allows here (${limit.toLocaleString("en-US")} characters).*`;
}

/** The longest start of `text` that fits in `budget` UTF-8 bytes, never splitting a character. */
function prefixWithin(text: string, budget: number): string {
  let used = 0;
  let end = 0;
  for (const char of text) {
    const size = bytes(char);
    if (used + size > budget) break;
    used += size;
    end += char.length;
  }
  return text.slice(0, end);
}

/** A fence left open by the cut, so it can be closed and the note is not swallowed by it. */
function openFence(text: string): string | undefined {
  let open: string | undefined;
  for (const line of text.split("\n")) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (fence === undefined) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open;
}

/** `body` as is when it fits in `limit`; otherwise its start, a visible note, and its end markers. */
export function fitBody(body: string, limit: number): string {
  if (bytes(body) <= limit) return body;
  const at = markersStart(body);
  const markers = body.slice(at).trim();
  const content = body.slice(0, at);
  const tail = markers === "" ? "" : `\n\n${markers}\n`;
  let budget = limit - bytes(note(limit)) - bytes(tail);
  for (;;) {
    const fitted = cut(content, Math.max(0, budget)) + note(limit) + tail;
    const over = bytes(fitted) - limit;
    // A fence closed after the cut may take a few bytes more: cut that much earlier.
    if (over <= 0 || budget <= 0) return fitted;
    budget -= over;
  }
}

/** The start of `content` within `budget` bytes, cut at a line, outside comments and fences. */
function cut(content: string, budget: number): string {
  let kept = prefixWithin(content, budget);
  // Cut at the last line break when one is near, so no line ends mid-word.
  const lastBreak = kept.lastIndexOf("\n");
  if (lastBreak > 0 && lastBreak > kept.length - 2_000) kept = kept.slice(0, lastBreak);
  // A cut inside an HTML comment would hide the note and everything after it.
  const opened = kept.lastIndexOf("<!--");
  if (opened > kept.lastIndexOf("-->")) kept = kept.slice(0, opened);
  kept = kept.trimEnd();
  const fence = openFence(kept);
  return fence === undefined ? kept : `${kept}\n${fence}`;
}
