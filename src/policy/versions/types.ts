// One shape for every version scheme, so release policy can ask "what comes after this?"
// without knowing whether the repository writes `1.2.0-rc.1`, `2.6.0rc1` or a UTC date stamp.
// Each scheme reads and orders versions by its own reference (node-semver, PEP 440, the calver
// format); the fields here are only what release policy needs to reason about a version.

export type PrereleaseLevel = "alpha" | "beta" | "rc";

export type Bump = "major" | "minor" | "patch" | PrereleaseLevel | "final";

export const PRERELEASE_LEVELS: readonly PrereleaseLevel[] = ["alpha", "beta", "rc"];

export const BUMPS: readonly Bump[] = ["major", "minor", "patch", ...PRERELEASE_LEVELS, "final"];

export interface Prerelease {
  /** Which stage this is; `other` is a pre-release no stage names (semver `1.0.0-x.7.z.92`). */
  readonly level: PrereleaseLevel | "other";
  /**
   * Its number: the `2` of `-rc.2`, `-rc2` or `rc2`; absent in `1.0.0-alpha`. A PEP 440 dev
   * release of a candidate (`1.0rc2.dev1`, before `1.0rc2`) counts one below it.
   */
  readonly number?: number;
  /**
   * How the project spells it, so the next candidate is spelt the same: `-rc.1` → `-rc.#`,
   * `-RC1` → `-RC#`. The scheme fills in the label and number.
   */
  readonly style: string;
}

export interface Version {
  /** The release parts (`1.2` is 1, 2, 0 here; `width` remembers it had two). */
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
  /** Fourth and later release parts, e.g. the `1` of `0.8.5.1`. */
  readonly extra: readonly number[];
  /** How many release parts were written: PEP 440 allows `1.2` and `2024.1`. */
  readonly width: number;
  /** Present on a pre-release (PEP 440 dev releases count: `1.0.dev1` comes before `1.0`). */
  readonly pre?: Prerelease;
  /** The scheme's normal form, which is what is tagged and written (`1.0.0-alpha` → `1.0.0a0` in PEP 440). */
  readonly normal: string;
  /** The text as it was written, kept so a tag or file can be matched exactly. */
  readonly raw: string;
}

export interface NextContext {
  /** Only calendar versions read it; policy code never reads the clock itself. */
  readonly now?: Date;
  /** The project's newest pre-release, whose spelling a new candidate follows. */
  readonly style?: Prerelease;
}

export interface VersionError {
  readonly error: string;
}

export type SchemeName = "semver" | "pep440" | "calver";

export interface VersionScheme {
  readonly name: SchemeName;
  /** Never throws: anything that is not a version of this scheme gives undefined. */
  parse(text: string): Version | undefined;
  /** The scheme's normal spelling (`10.8.5.RC1` is written back as `10.8.5rc1`). */
  format(v: Version): string;
  /** Negative, zero or positive, by the scheme's own ordering. */
  compare(a: Version, b: Version): number;
  /** The next version; never one that sorts before or equal to `current`. */
  next(current: Version, bump: Bump, ctx?: NextContext): Version | VersionError;
  /** The final release a pre-release leads to (`2.6.0rc2` → `2.6.0`); a final is its own. */
  finalOf(v: Version): Version;
  /** `final` as pre-release `level` number `n`, spelt like `style` where the scheme allows. */
  prerelease(final: Version, level: PrereleaseLevel, n: number, style?: Prerelease): Version | VersionError;
  /** When `text` is not a version, the nearest one that is, for the refusal sentence. */
  nearest(text: string): string | undefined;
}

export function isVersionError(value: Version | VersionError): value is VersionError {
  return "error" in value;
}
