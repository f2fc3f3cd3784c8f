// Release-part arithmetic shared by semver and PEP 440, and the rule every scheme keeps: a next
// version sorts after the current one, so a release line never goes backwards.
import type { Bump, PrereleaseLevel, Version, VersionError, VersionScheme } from "./types.js";

/** Digits only, and small enough to stay an exact integer. */
export function toPart(text: string): number | undefined {
  if (!/^\d{1,15}$/.test(text)) return undefined;
  return Number(text);
}

/** Release parts in order: major, minor, patch, then the rest. */
export function releaseOf(v: Version): readonly number[] {
  return [v.major, v.minor, v.patch, ...v.extra].slice(0, Math.max(v.width, 1));
}

/** The `Version` fields for release parts as written. */
export function releaseFields(parts: readonly number[]): Pick<Version, "major" | "minor" | "patch" | "extra" | "width"> {
  const [major = 0, minor = 0, patch = 0, ...extra] = parts;
  return { major, minor, patch, extra, width: parts.length };
}

/**
 * The release parts of a major, minor or patch bump. On a pre-release the bump follows
 * `semver.inc`: when the pre-release already leads to such a release (`3.0.0rc2` + major) it is
 * finalised, otherwise the part is bumped. So `patch` on `10.8.5rc2` gives `10.8.5`, the release
 * the candidate was for, which is what a team means by "ship the patch" during a candidate series.
 * `width` is how many parts the result has: `1.2` + minor stays two-part (`1.3`).
 */
export function bumpRelease(release: readonly number[], bump: "major" | "minor" | "patch", pre: boolean, width: number): readonly number[] {
  const [major = 0, minor = 0, patch = 0] = release;
  const rest = release.slice(3).some((part) => part !== 0);
  const pad = (parts: readonly number[]): readonly number[] => [...parts, 0, 0, 0].slice(0, Math.max(width, bump === "patch" ? 3 : bump === "minor" ? 2 : 1));
  switch (bump) {
    case "major":
      return pad(pre && minor === 0 && patch === 0 && !rest ? [major] : [major + 1]);
    case "minor":
      return pad(pre && patch === 0 && !rest ? [major, minor] : [major, minor + 1]);
    case "patch":
      return pad(pre && !rest ? [major, minor, patch] : [major, minor, patch + 1]);
  }
}

/** A scheme's own major, minor or patch bump. */
export type ReleaseBump = (current: Version, bump: "major" | "minor" | "patch") => Version | VersionError;

const ORDER: Readonly<Record<PrereleaseLevel, number>> = { alpha: 0, beta: 1, rc: 2 };

/**
 * A pre-release bump with the scheme's own spelling: the next number of the same stage, the
 * first of a later stage, or, on a final version, the first of the next minor (GWCelery's first
 * candidate after 2.5.2 is 2.6.0rc1). An earlier stage than the current one is refused.
 */
export function bumpPrerelease(
  scheme: VersionScheme,
  bump: ReleaseBump,
  current: Version,
  level: PrereleaseLevel,
  style: Version["pre"],
): Version | VersionError {
  const pre = current.pre;
  if (pre === undefined) {
    const final = bump(current, "minor");
    return "error" in final ? final : scheme.prerelease(final, level, 1, style);
  }
  const final = scheme.finalOf(current);
  if (pre.level === level) return scheme.prerelease(final, level, (pre.number ?? 0) + 1, pre);
  if (pre.level !== "other" && ORDER[level] < ORDER[pre.level]) {
    return {
      error: `${scheme.format(current)} is already past ${level} (it is ${pre.level === "rc" ? "a release candidate" : `a ${pre.level}`}), so ask for ${pre.level} or final instead.`,
    };
  }
  return scheme.prerelease(final, level, 1, pre);
}

/** The bump shared by the numeric schemes; `final` finishes a pre-release. */
export function nextNumeric(scheme: VersionScheme, release: ReleaseBump, current: Version, bump: Bump, style: Version["pre"]): Version | VersionError {
  if (bump === "final") {
    if (current.pre === undefined) {
      return { error: `${scheme.format(current)} is already a final version; "final" only finishes a pre-release, so ask for major, minor or patch instead.` };
    }
    return scheme.finalOf(current);
  }
  if (bump === "major" || bump === "minor" || bump === "patch") return release(current, bump);
  return bumpPrerelease(scheme, release, current, bump, style ?? current.pre);
}

/** Refuses a next version that would not sort after the current one (`-rc10` before `-rc9`). */
export function forward(scheme: VersionScheme, current: Version, next: Version | VersionError): Version | VersionError {
  if ("error" in next || scheme.compare(next, current) > 0) return next;
  return {
    error: `${scheme.format(next)} would sort before or equal to ${scheme.format(current)} under ${scheme.name} ordering, and a release never goes backwards; name a later version yourself.`,
  };
}
