// One shape for every version scheme, so release policy can ask "what comes after this?"
// without knowing whether the repository writes `1.2.0-rc.1`, `2.6.0rc1` or a UTC date stamp.

export type Bump = "major" | "minor" | "patch" | "rc" | "final";

export const BUMPS: readonly Bump[] = ["major", "minor", "patch", "rc", "final"];

export interface Version {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Fourth and later release parts, e.g. the `1` of `0.8.5.1`. */
  readonly extra: readonly number[];
  /** Release-candidate number; absent on a final version. */
  readonly rc?: number;
  /** The text as it was written, kept so a tag or file can be matched exactly. */
  readonly raw: string;
}

export interface NextContext {
  /** Only calendar versions read it; policy code never reads the clock itself. */
  readonly now?: Date;
}

export interface VersionError {
  readonly error: string;
}

export type SchemeName = "semver" | "pep440" | "calver";

export interface VersionScheme {
  readonly name: SchemeName;
  /** Never throws: anything that is not a version of this scheme gives undefined. */
  parse(text: string): Version | undefined;
  /** The scheme's canonical spelling (`10.8.5.RC1` is written back as `10.8.5rc1`). */
  format(v: Version): string;
  /** Negative, zero or positive, with every candidate before its final version. */
  compare(a: Version, b: Version): number;
  next(current: Version, bump: Bump, ctx?: NextContext): Version | VersionError;
}

export function isVersionError(value: Version | VersionError): value is VersionError {
  return "error" in value;
}
