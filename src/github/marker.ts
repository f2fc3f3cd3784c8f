// Hidden markers in bodies the bot owns: how the executor finds its own issues, comments and
// releases again, so a redelivered webhook edits instead of duplicating.

const KEY_PATTERN = /<!-- release-pilot:key=([^\s>]+) -->/;

export function keyMarker(key: string): string {
  return `<!-- release-pilot:key=${encodeURIComponent(key)} -->`;
}

export function withKeyMarker(body: string, key: string): string {
  return body.includes(keyMarker(key)) ? body : `${body.trimEnd()}\n\n${keyMarker(key)}\n`;
}

export function hasKey(body: string | null | undefined, key: string): boolean {
  return typeof body === "string" && body.includes(keyMarker(key));
}

export function keyOf(body: string | null | undefined): string | undefined {
  const match = typeof body === "string" ? KEY_PATTERN.exec(body) : null;
  return match?.[1] === undefined ? undefined : decodeURIComponent(match[1]);
}
