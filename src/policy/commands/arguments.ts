// Strict checks for command arguments. Whatever passes here may end up in a git ref, a workflow
// input or a file path, so the patterns allow only what those places can take safely, and each
// failure is a sentence that says what was wrong and what would be accepted.

import { inertText } from "../markdown/inert.js";
import { isRefName } from "../ref-name.js";
import type { CommandError, KnownNames } from "./types.js";

const VERSION = /^v?(\d{1,9})\.(\d{1,9})\.(\d{1,9})(?:[-.+]?[0-9A-Za-z]{1,20}(?:[.-][0-9A-Za-z]{1,20}){0,5})?$/;
/**
 * Letters, digits, spaces and plain punctuation: a reason is shown in comments and lock commits,
 * and leaving out quotes, backticks, `$`, `;`, `<>` and braces keeps it inert everywhere.
 */
const REASON = /^[\p{L}\p{N} .,:!?'()#/_+=%@-]{1,200}$/u;

export function fail(message: string): CommandError {
  return { kind: "error", message };
}

/** Echo a user's token inside a sentence: quoted, one line, short, and inert (no mention, no HTML). */
export function quote(token: string): string {
  const flat = token.replace(/[\u0000-\u001f\u007f]/g, "");
  const short = flat.length > 40 ? `${flat.slice(0, 37)}...` : flat;
  return JSON.stringify(inertText(short));
}

/** A branch, tag or SHA a command may name: git's ref-name rules and a shell-safe character set. */
export function isSafeRef(text: string): boolean {
  return isRefName(text);
}

export function isVersion(text: string): boolean {
  return VERSION.test(text);
}

/**
 * A version as `/release` takes it, in any scheme's form (`1.2`, `1!2.0`, `1.3.0-rc1`,
 * `1.2.3+build.7`, `2024-11-18`), from characters a tag can hold; which of them is a version is
 * for the configured scheme to say, with the nearest one it accepts.
 */
const RELEASE_VERSION = /^v?(?:\d{1,4}!)?\d{1,15}(?:\.\d{1,15}){0,5}(?:[-.+_]?[0-9A-Za-z]{1,20}(?:[-.+_][0-9A-Za-z]{1,20}){0,7})?$/;

export function isReleaseVersion(text: string): boolean {
  return text.length <= 100 && RELEASE_VERSION.test(text);
}

/** Looks like someone meant a version (`1.2`, `v3`, `2.0.x`), so the error should be about versions. */
export function looksLikeVersion(text: string): boolean {
  return /^v?\d/.test(text);
}

export function stripV(version: string): string {
  return version.startsWith("v") ? version.slice(1) : version;
}

export function isSafeReason(text: string): boolean {
  return REASON.test(text);
}

/** Case-insensitive lookup returning the configured spelling, as GitHub environments are. */
export function findName(names: readonly string[], token: string): string | undefined {
  const lower = token.toLowerCase();
  return names.find((name) => name.toLowerCase() === lower);
}

/** The closest name by prefix, then by edit distance (at most 2, or a third of the length). */
export function nearest(names: readonly string[], token: string): string | undefined {
  const lower = token.toLowerCase();
  const prefixed = names.find((name) => name.toLowerCase().startsWith(lower) || lower.startsWith(name.toLowerCase()));
  if (prefixed !== undefined && lower.length > 0) return prefixed;
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(lower, name.toLowerCase());
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  if (best === undefined) return undefined;
  return best.distance <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function editDistance(a: string, b: string): number {
  // Long tokens are never typos of short names; skipping them bounds the work on hostile input.
  if (Math.abs(a.length - b.length) > 10) return Number.POSITIVE_INFINITY;
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost));
    }
    previous = current;
  }
  return previous[b.length] ?? Number.POSITIVE_INFINITY;
}

export function listNames(names: readonly string[]): string {
  return names.join(", ");
}

/**
 * Resolve an environment argument or explain what exists. `example` renders the suggested
 * command for a given environment name.
 */
export function environmentOrError(known: KnownNames, token: string | undefined, example: (env: string) => string): string | CommandError {
  if (known.environments.length === 0) {
    return fail("this repository has no environments yet; add them under environments in .github/release-pilot.yml.");
  }
  const fallback = known.environments[known.environments.length - 1] ?? "";
  if (token === undefined) {
    return fail(`missing environment; this repository has ${listNames(known.environments)} — try ${example(fallback)}`);
  }
  const found = findName(known.environments, token);
  if (found !== undefined) return found;
  const suggestion = nearest(known.environments, token) ?? fallback;
  return fail(`unknown environment ${quote(token)}; this repository has ${listNames(known.environments)} — try ${example(suggestion)}`);
}

/** Resolve an app argument, or explain which apps exist (or that there are none). */
export function appOrError(known: KnownNames, token: string, example: (app: string) => string): string | CommandError {
  return findName(known.apps, token) ?? unknownApp(known, token, example);
}

/** The sentence for an app name that is not configured, with the closest one that is. */
export function unknownApp(known: KnownNames, token: string, example: (app: string) => string): CommandError {
  if (known.apps.length === 0) {
    return fail(`unknown app ${quote(token)}; this repository has no apps configured, so leave the app out — try ${example("")}`);
  }
  const suggestion = nearest(known.apps, token) ?? known.apps[0] ?? "";
  return fail(`unknown app ${quote(token)}; this repository has ${listNames(known.apps)} — try ${example(suggestion)}`);
}
