// Release-part arithmetic shared by semver and PEP 440: the two differ only in how a candidate
// is spelled, so the bump table lives here once.
import type { Bump, Version, VersionError, VersionScheme } from "./types.js";

/** Orders release parts, then puts a candidate before the final version it leads to. */
export function compareVersions(a: Version, b: Version): number {
  const left = [a.major, a.minor, a.patch, ...a.extra];
  const right = [b.major, b.minor, b.patch, ...b.extra];
  const length = Math.max(left.length, right.length);
  for (let i = 0; i < length; i += 1) {
    // A missing part counts as zero, as PEP 440 says: 0.8.5 == 0.8.5.0.
    const diff = (left[i] ?? 0) - (right[i] ?? 0);
    if (diff !== 0) return Math.sign(diff);
  }
  if (a.rc === b.rc) return 0;
  if (a.rc === undefined) return 1;
  if (b.rc === undefined) return -1;
  return Math.sign(a.rc - b.rc);
}

function release(major: number, minor: number, patch: number, rc?: number): Omit<Version, "raw"> {
  return rc === undefined ? { major, minor, patch, extra: [] } : { major, minor, patch, extra: [], rc };
}

/**
 * The bump table. On a candidate, `major`, `minor` and `patch` follow `semver.inc`: when the
 * candidate already leads to such a release (`3.0.0rc2` + major) it is finalised, otherwise the
 * part is bumped. So `patch` on `10.8.5rc2` gives `10.8.5`, the release the candidate was for,
 * which is what a team means when it says "ship the patch" during a candidate series.
 */
export function nextRelease(current: Version, bump: Bump, show: (v: Version) => string): Omit<Version, "raw"> | VersionError {
  const { major, minor, patch, rc } = current;
  const candidate = rc !== undefined;
  const hasExtra = current.extra.some((part) => part !== 0);
  switch (bump) {
    case "major":
      return candidate && minor === 0 && patch === 0 && !hasExtra ? release(major, 0, 0) : release(major + 1, 0, 0);
    case "minor":
      return candidate && patch === 0 && !hasExtra ? release(major, minor, 0) : release(major, minor + 1, 0);
    case "patch":
      return candidate && !hasExtra ? release(major, minor, patch) : release(major, minor, patch + 1);
    case "rc":
      // GWCelery: the first candidate of a series is the next minor's rc1 (v2.6.0rc1 after 2.5.2).
      if (!candidate) return release(major, minor + 1, 0, 1);
      return { ...release(major, minor, patch, rc + 1), extra: current.extra };
    case "final":
      if (!candidate) {
        return { error: `${show(current)} is already a final version; "final" only finishes a release candidate, so ask for major, minor or patch instead.` };
      }
      return { major, minor, patch, extra: current.extra };
  }
}

/** Digits only, and small enough to stay an exact integer. */
export function toPart(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** A scheme whose versions are release parts plus an optional candidate; only spelling differs. */
export function numericScheme(name: "semver" | "pep440", parse: (text: string) => Version | undefined, format: (version: Version) => string): VersionScheme {
  return {
    name,
    parse,
    format,
    compare: compareVersions,
    next(current, bump) {
      const next = nextRelease(current, bump, format);
      if ("error" in next) return next;
      return { ...next, raw: format({ ...next, raw: "" }) };
    },
  };
}
