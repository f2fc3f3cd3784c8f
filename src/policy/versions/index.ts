// The registry of version schemes: a new scheme is one more file and one more line here.
import { calverScheme } from "./calver.js";
import { pep440Scheme } from "./pep440.js";
import { semverScheme } from "./semver.js";
import type { SchemeName, VersionScheme } from "./types.js";

export const VERSION_SCHEME_NAMES: readonly SchemeName[] = ["semver", "pep440", "calver"];

export interface VersionSchemeOptions {
  /** Format of calendar versions, e.g. `YYYY.MM.DD.HH.mm.ss` (read in UTC). */
  readonly calver?: string;
}

export function versionScheme(name: SchemeName, options: VersionSchemeOptions = {}): VersionScheme {
  switch (name) {
    case "semver":
      return semverScheme;
    case "pep440":
      return pep440Scheme;
    case "calver":
      return calverScheme(options.calver);
  }
}

export { calverFormatError, calverScheme, DEFAULT_CALVER_FORMAT } from "./calver.js";
export { pep440Scheme } from "./pep440.js";
export { semverScheme } from "./semver.js";
export {
  BUMPS,
  isVersionError,
  PRERELEASE_LEVELS,
  type Bump,
  type Prerelease,
  type PrereleaseLevel,
  type NextContext,
  type SchemeName,
  type Version,
  type VersionError,
  type VersionScheme,
} from "./types.js";
