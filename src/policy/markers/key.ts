// The key marker: the hidden line `<!-- release-pilot:key=<key> -->` the executor appends to every
// issue, comment, release and lock it writes, so a redelivered webhook finds its own effect and
// edits it instead of writing a second one. The one codec for it: the executor writes with it,
// facts and policy read with it.
//
// Format 1 is the line above, with the key URI-encoded; it carries no version field, and every
// marker written so far is format 1. A later format adds ` v=<n>` before `-->`: this reader reads
// format 1 with or without `v=1`, and leaves a marker of a later format unread rather than
// half-reading a key whose meaning it does not know.

export const KEY_MARKER_FORMAT = 1;
export const KEY_MARKER_START = "<!-- release-pilot:key=";
const KEY_PATTERN = /<!-- release-pilot:key=([^\s>]+)(?: v=(\d{1,3}))? -->/g;

export function keyMarker(key: string): string {
  return `${KEY_MARKER_START}${encodeURIComponent(key)} -->`;
}

export function withKeyMarker(body: string, key: string): string {
  return body.includes(keyMarker(key)) ? body : `${body.trimEnd()}\n\n${keyMarker(key)}\n`;
}

/** The first key marker of a format this release reads, decoded; undefined when there is none. */
export function keyOf(body: string | null | undefined): string | undefined {
  if (typeof body !== "string") return undefined;
  for (const match of body.matchAll(KEY_PATTERN)) {
    const format = match[2] === undefined ? KEY_MARKER_FORMAT : Number(match[2]);
    if (format !== KEY_MARKER_FORMAT || match[1] === undefined) continue;
    try {
      return decodeURIComponent(match[1]);
    } catch {
      // Not written by this codec (a malformed %-escape): not a key.
    }
  }
  return undefined;
}

export function hasKey(body: string | null | undefined, key: string): boolean {
  return keyOf(body) === key || (typeof body === "string" && body.includes(keyMarker(key)));
}
