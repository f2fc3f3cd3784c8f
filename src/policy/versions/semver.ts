// Semantic versions as npm writes them. Only `-rc.N` candidates are understood, because a
// `Version` carries a candidate number and nothing else; `1.0.0-beta.1` is refused rather than
// silently read as a final release.
import { numericScheme, toPart } from "./numeric.js";
import type { Version, VersionScheme } from "./types.js";

const SEMVER = /^v?(\d+)\.(\d+)\.(\d+)(?:-rc\.?(\d+))?$/;

function parse(text: string): Version | undefined {
  const match = SEMVER.exec(text.trim());
  if (!match) return undefined;
  const [, majorText = "", minorText = "", patchText = "", rcText] = match;
  const major = toPart(majorText);
  const minor = toPart(minorText);
  const patch = toPart(patchText);
  if (major === undefined || minor === undefined || patch === undefined) return undefined;
  // Semver forbids leading zeros, and a tag such as v01.2.3 is more likely a typo than a release.
  if ([majorText, minorText, patchText].some((part) => part.length > 1 && part.startsWith("0"))) return undefined;
  if (rcText === undefined) return { major, minor, patch, extra: [], raw: text };
  const rc = toPart(rcText);
  return rc === undefined ? undefined : { major, minor, patch, extra: [], rc, raw: text };
}

function format(v: Version): string {
  const base = `${v.major}.${v.minor}.${v.patch}`;
  return v.rc === undefined ? base : `${base}-rc.${v.rc}`;
}

export const semverScheme: VersionScheme = numericScheme("semver", parse, format);
