// Semantic versions read, ordered and bumped by node-semver (https://semver.org, the `semver`
// package npm itself uses), so a tag means here what it means to npm: `1.0.0-alpha`, `-beta.1`
// and `+build.7` are versions, `-rc.01` is not, and `-rc10` sorts before `-rc9` because SemVer
// compares `rc10` and `rc9` as text. What is added by hand is only the reading of a pre-release
// as a stage (`alpha`, `beta`, `rc`) and number, so a next candidate keeps the project's spelling.
import semver from "semver";
import { forward, nextNumeric, releaseFields, type ReleaseBump } from "./numeric.js";
import { PRERELEASE_LEVELS, type Prerelease, type PrereleaseLevel, type Version, type VersionError, type VersionScheme } from "./types.js";

const STAGE = /^(alpha|beta|rc)(\.?)(\d+)?$/i;
const DEFAULT_STYLE = "-rc.#";

function stageOf(ids: readonly (string | number)[]): Prerelease | undefined {
  if (ids.length === 0) return undefined;
  const text = ids.join(".");
  const match = STAGE.exec(text);
  if (match === null) return { level: "other", style: "" };
  const [, label = "", dot = "", digits] = match;
  const level = PRERELEASE_LEVELS.find((candidate) => candidate === label.toLowerCase());
  if (level === undefined) return { level: "other", style: "" };
  const style = `-${label}${digits === undefined ? "." : dot}#`;
  return digits === undefined ? { level, style } : { level, number: Number(digits), style };
}

function fromSemver(parsed: semver.SemVer, raw: string): Version | undefined {
  const parts = [parsed.major, parsed.minor, parsed.patch];
  if (!parts.every(Number.isSafeInteger)) return undefined;
  const build = parsed.build.length > 0 ? `+${parsed.build.join(".")}` : "";
  const pre = stageOf(parsed.prerelease);
  const base = { ...releaseFields(parts), normal: `${parsed.version}${build}`, raw };
  return pre === undefined ? base : { ...base, pre };
}

function parse(text: string): Version | undefined {
  // node-semver refuses over 256 characters itself; this keeps its regex off anything longer.
  if (text.length > 256) return undefined;
  const parsed = semver.parse(text.trim());
  return parsed === null ? undefined : fromSemver(parsed, text);
}

function finalOf(v: Version): Version {
  const text = `${v.major}.${v.minor}.${v.patch}`;
  return parse(text) ?? { ...v, normal: text, raw: text };
}

/** The label in the case of the style's own label: a project writing `-RC1` gets `-BETA1`. */
function spell(style: string, level: PrereleaseLevel, n: number): string {
  const label = /[A-Za-z]+/.exec(style)?.[0] ?? "";
  const word = label !== "" && label === label.toUpperCase() ? level.toUpperCase() : level;
  return style.replace(/[A-Za-z]+/, word).replace("#", String(n));
}

function prerelease(final: Version, level: PrereleaseLevel, n: number, style?: Prerelease): Version | VersionError {
  const template = style === undefined || style.level === "other" ? DEFAULT_STYLE : style.style;
  const text = `${finalOf(final).normal}${spell(template, level, n)}`;
  return parse(text) ?? { error: `${text} is not a semantic version.` };
}

const bump: ReleaseBump = (current, level) => {
  const text = semver.inc(current.normal, level);
  const next = text === null ? undefined : parse(text);
  return next ?? { error: `${current.normal} has no ${level} bump.` };
};

function compare(a: Version, b: Version): number {
  const left = semver.parse(a.normal);
  const right = semver.parse(b.normal);
  if (left === null || right === null) return Math.sign(Number(left !== null) - Number(right !== null));
  return left.compare(right);
}

/** `1.2` → `1.2.0`, `1.3.0rc1` (PEP 440's spelling) → `1.3.0-rc.1`. */
function nearest(text: string): string | undefined {
  if (text.length > 256) return undefined;
  const candidate = /^v?(\d+\.\d+\.\d+)[-._]?(alpha|beta|rc|a|b|c)[-._]?(\d+)$/i.exec(text.trim());
  if (candidate !== null) {
    const [, release = "", label = "", n = ""] = candidate;
    const word = { a: "alpha", b: "beta", c: "rc" }[label.toLowerCase()] ?? label.toLowerCase();
    // Digits as written, less leading zeros: a numeric identifier may not start with 0.
    const suggestion = `${release}-${word}.${n.replace(/^0+(?=\d)/, "")}`;
    return parse(suggestion) === undefined ? undefined : suggestion;
  }
  const coerced = semver.coerce(text, { includePrerelease: true })?.version;
  return coerced === undefined || coerced === text.trim() ? undefined : coerced;
}

export const semverScheme: VersionScheme = {
  name: "semver",
  parse,
  format: (v) => v.normal,
  compare,
  next(current, level, ctx) {
    return forward(semverScheme, current, nextNumeric(semverScheme, bump, current, level, ctx?.style));
  },
  finalOf,
  prerelease,
  nearest,
};
