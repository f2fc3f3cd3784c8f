// Untrusted text (PR titles, commit messages, branch and tag names, lock reasons, echoed command
// arguments, logins read from payloads) made inert before it enters a body the bot writes. Inert
// means, when GitHub renders the body:
// - no mention: `@org/team` or `@alice` notifies nobody (a zero-width joiner after the `@`, so
//   GitHub's mention syntax, `@` followed by a login character, no longer matches);
// - no raw HTML and no hidden marker: `<` outside code becomes `&lt;`, and `<!--` inside code is
//   broken up, because the executor finds its own bodies by searching the raw text for markers
//   (src/github/marker.ts), rendered or not;
// - no new block: line breaks become spaces, so a title cannot start a heading, a list or a
//   fence of its own;
// - no breaking out of a code span the bot opens around it: `codeSpan` picks a fence of more
//   backticks than the text holds, as CommonMark allows
//   (https://spec.commonmark.org/0.31.2/#code-spans).
// Code spans the text itself holds (`` `nuxi typecheck` ``) are kept as they are: inside them a
// mention or a tag is already literal, and Openverse's changelogs show them byte for byte.

const ZWJ = "\u200d";

/** An `@` that GitHub would read as the start of a mention: a login or `org/team` follows. */
const MENTION = /@(?=[A-Za-z0-9])/g;
/** Line breaks and other control characters; tabs too, since four of them indent a code block. */
const CONTROL = /[\u0000-\u001f\u007f\u2028\u2029]+/g;

/** The `<!--` that would open a marker or hide the rest of the body, broken by a zero-width joiner. */
function breakComments(text: string): string {
  return text.replace(/<!--/g, `<${ZWJ}!--`);
}

function proseInert(text: string): string {
  return text.replace(/</g, "&lt;").replace(MENTION, `@${ZWJ}`);
}

/**
 * Untrusted text for prose (outside any code span the bot opens): one line, no mentions, no HTML,
 * no markers. Balanced code spans in the text stay as written.
 */
export function inertText(text: string): string {
  const flat = text.replace(CONTROL, " ");
  const runs = [...flat.matchAll(/`+/g)].map((match) => ({ at: match.index, length: match[0].length }));
  // For each run, the index of the next run of the same length (linear, whatever the input).
  const next: number[] = new Array<number>(runs.length).fill(-1);
  const seen = new Map<number, number>();
  for (let r = runs.length - 1; r >= 0; r -= 1) {
    const length = runs[r]?.length ?? 0;
    next[r] = seen.get(length) ?? -1;
    seen.set(length, r);
  }
  let out = "";
  let i = 0;
  for (let r = 0; r < runs.length; r += 1) {
    const open = runs[r];
    if (open === undefined || open.at < i) continue;
    // A code span closes at the next run of exactly as many backticks (CommonMark); without one
    // the run is literal backticks and what follows is still prose.
    const closeAt = next[r] ?? -1;
    const close = runs[closeAt];
    if (close === undefined) continue;
    out += proseInert(flat.slice(i, open.at)) + breakComments(flat.slice(open.at, close.at + close.length));
    i = close.at + close.length;
    r = closeAt;
  }
  return out + proseInert(flat.slice(i));
}

/**
 * Untrusted text shown as code: a span whose fence is longer than any run of backticks in the
 * text, so nothing in it ends the span early. Inside a code span a mention or a tag is literal.
 */
export function codeSpan(text: string): string {
  const flat = breakComments(text.replace(CONTROL, " "));
  let longest = 0;
  for (const match of flat.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = "`".repeat(longest + 1);
  // CommonMark strips one space from each end when both ends have one; padding keeps a text
  // that starts or ends with a backtick (or a space) apart from the fence.
  const pad = flat === "" || flat.startsWith("`") || flat.endsWith("`") || flat.startsWith(" ") || flat.endsWith(" ") ? " " : "";
  return `${fence}${pad}${flat}${pad}${fence}`;
}

/**
 * A GitHub login the bot means to mention (`@requester`): kept as a mention only when it is a
 * login GitHub could have issued; anything else is shown inert.
 */
export function mention(login: string): string {
  return /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})(?:\[bot\])?$/.test(login) ? `@${login}` : `@${ZWJ}${inertText(login)}`;
}

/**
 * Untrusted text as a fenced code block: the fence is longer than any run of backticks in the
 * text, so no line of it closes the block early; `<!--` is broken up so no marker is read out
 * of it.
 */
export function codeBlock(text: string): string {
  const body = breakComments(text.replace(/\r\n?/g, "\n"));
  let longest = 0;
  for (const match of body.matchAll(/`+/g)) longest = Math.max(longest, match[0].length);
  const fence = "`".repeat(Math.max(3, longest + 1));
  return `${fence}\n${body}\n${fence}`;
}
