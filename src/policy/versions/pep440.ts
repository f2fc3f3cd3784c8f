// PEP 440 versions (https://peps.python.org/pep-0440/) read, normalised and ordered by
// @renovatebot/pep440, a port of Python's `packaging`: the whole grammar, so `1.2`, `2024.1`,
// `1!2.0`, `1.2.3.post1`, `1.2.3.dev4` and `1.2.3+local.7` are versions, and every spelling is
// written back in its normal form (`10.8.5.RC1` → `10.8.5rc1`, `1.0.0-alpha` → `1.0.0a0`,
// `1.2.3preview1` → `1.2.3rc1`). The library has no bump that keeps a project's width, so the
// bump table is ours (numeric.ts): a two-part project stays two-part.
import { compare as pep440Compare, explain, valid } from "@renovatebot/pep440";
import { semverScheme } from "./semver.js";
import { bumpRelease, forward, nextNumeric, releaseFields, releaseOf, type ReleaseBump } from "./numeric.js";
import type { Prerelease, PrereleaseLevel, Version, VersionError, VersionScheme } from "./types.js";

/** Longer text is no version anyone tags, and the grammar's regex need not see it. */
const MAX_LENGTH = 200;
const LETTER: Readonly<Record<PrereleaseLevel, string>> = { alpha: "a", beta: "b", rc: "rc" };
const LEVEL: Readonly<Record<string, PrereleaseLevel>> = { a: "alpha", b: "beta", rc: "rc" };

function parse(text: string): Version | undefined {
  if (text.length > MAX_LENGTH) return undefined;
  const trimmed = text.trim();
  const parts = explain(trimmed);
  if (parts === null) return undefined;
  const normal = parts.local === null ? parts.public : `${parts.public}+${localOf(trimmed)}`;
  const numbers = [parts.epoch, ...parts.release, parts.pre?.[1] ?? 0, parts.post ?? 0, parts.dev ?? 0];
  // Parts past 2^53 would not stay the numbers that were written.
  if (!numbers.every((n) => typeof n === "number" && Number.isSafeInteger(n))) return undefined;
  const base = { ...releaseFields(parts.release), normal, raw: text };
  const letter = parts.pre?.[0];
  const level = letter === undefined ? undefined : LEVEL[letter];
  if (level !== undefined) {
    // `1.0rc1.dev2` comes before `1.0rc1`, so the candidate after it is rc1, not rc2: it counts
    // as one below its number.
    const number = Number(parts.pre?.[1] ?? 0) - (parts.is_devrelease ? 1 : 0);
    return { ...base, pre: { level, number, style: "" } };
  }
  // A dev release comes before its release (`1.0.dev1` < `1.0`), so it is a pre-release too.
  if (parts.is_devrelease) return { ...base, pre: { level: "other", style: "" } };
  return base;
}

/**
 * The local part in normal form, from the text: the library's `clean` joins it with commas
 * (`1.0+ab,7`) and `explain` turns long numbers into `1e+21`. PEP 440: lower case, `.` between
 * segments, and a number segment without leading zeros.
 */
function localOf(text: string): string {
  const local = text.slice(text.indexOf("+") + 1);
  return local
    .split(/[-_.]/)
    .map((segment) => (/^\d+$/.test(segment) ? segment.replace(/^0+(?=\d)/, "") : segment.toLowerCase()))
    .join(".");
}

function epochOf(v: Version): string {
  const epoch = /^(\d+)!/.exec(v.normal)?.[1];
  return epoch === undefined ? "" : `${epoch}!`;
}

function fromRelease(v: Version, release: readonly number[], suffix = ""): Version | VersionError {
  const text = `${epochOf(v)}${release.join(".")}${suffix}`;
  return parse(text) ?? { error: `${text} is not a PEP 440 version.` };
}

function finalOf(v: Version): Version {
  const final = fromRelease(v, releaseOf(v));
  return "error" in final ? v : final;
}

function prerelease(final: Version, level: PrereleaseLevel, n: number, _style?: Prerelease): Version | VersionError {
  // PEP 440 has one normal spelling of a candidate, so the project's own spelling is not kept.
  return fromRelease(final, releaseOf(final), `${LETTER[level]}${n}`);
}

const bump: ReleaseBump = (current, level) =>
  // A fourth part (GWCelery's 0.8.5.1) is not carried on: the bump is of the first three.
  fromRelease(current, bumpRelease(releaseOf(current), level, current.pre !== undefined, Math.min(current.width, 3)));

function compare(a: Version, b: Version): number {
  const left = valid(a.normal) !== null;
  const right = valid(b.normal) !== null;
  if (!left || !right) return Math.sign(Number(left) - Number(right));
  return Math.sign(pep440Compare(a.normal, b.normal));
}

/** `1.2.x` → `1.2.0`; only a suggestion for the refusal sentence. */
function nearest(text: string): string | undefined {
  const suggestion = semverScheme.nearest(text);
  return suggestion === undefined ? undefined : parse(suggestion)?.normal;
}

export const pep440Scheme: VersionScheme = {
  name: "pep440",
  parse,
  format: (v) => v.normal,
  compare,
  next(current, level, ctx) {
    return forward(pep440Scheme, current, nextNumeric(pep440Scheme, bump, current, level, ctx?.style));
  },
  finalOf,
  prerelease,
  nearest,
};
