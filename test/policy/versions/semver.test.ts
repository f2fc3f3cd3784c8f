// Semantic versions as node-semver reads them: its own fixtures (test/fixtures/versions/semver.ts),
// and the bumps a project's release line needs, keeping the project's spelling of pre-releases.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVersionError, semverScheme, type Bump, type Prerelease } from "../../../src/policy/versions/index.js";
import { SEMVER_EQUAL, SEMVER_GREATER, SEMVER_INCREMENTS, SEMVER_INVALID, SEMVER_VALID } from "../../fixtures/versions/semver.js";

const scheme = semverScheme;

function read(text: string) {
  const parsed = scheme.parse(text);
  if (!parsed) throw new Error(`fixture ${text} does not parse`);
  return parsed;
}

function styleOf(text: string): Prerelease {
  const pre = read(text).pre;
  if (!pre) throw new Error(`fixture ${text} is not a pre-release`);
  return pre;
}

function next(text: string, bump: Bump, style?: string): string {
  const result = scheme.next(read(text), bump, style === undefined ? {} : { style: styleOf(style) });
  return isVersionError(result) ? `error: ${result.error}` : scheme.format(result);
}

describe("semver parse (node-semver's fixtures)", () => {
  it.each(SEMVER_VALID)("reads %j, written %j", (text, normal) => {
    expect(scheme.parse(text)?.normal).toBe(normal);
    expect(scheme.format(read(text))).toBe(normal);
  });

  it.each(SEMVER_INVALID)("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it.each([
    ["1.2.0-rc.1", { level: "rc", number: 1, style: "-rc.#" }],
    ["1.2.0-rc2", { level: "rc", number: 2, style: "-rc#" }],
    ["5.0.0-beta.1", { level: "beta", number: 1, style: "-beta.#" }],
    ["1.0.0-alpha", { level: "alpha", style: "-alpha.#" }],
    ["1.0.0-RC1", { level: "rc", number: 1, style: "-RC#" }],
    ["1.0.0-x.7.z.92", { level: "other", style: "" }],
  ])("reads the stage of %s", (text, pre) => {
    expect(read(text).pre).toEqual(pre);
  });

  it("never throws on any string", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        scheme.parse(text);
      }),
      { numRuns: 10_000 },
    );
  });
});

describe("semver compare (node-semver's fixtures)", () => {
  it.each(SEMVER_GREATER)("puts %s after %s", (greater, lesser) => {
    expect(scheme.compare(read(greater), read(lesser))).toBe(1);
    expect(scheme.compare(read(lesser), read(greater))).toBe(-1);
  });

  it.each(SEMVER_EQUAL)("treats %j and %j as one version", (a, b) => {
    expect(scheme.compare(read(a), read(b))).toBe(0);
  });
});

describe("semver next", () => {
  it.each(SEMVER_INCREMENTS)("%s + %s is %s, as semver.inc gives", (text, bump, expected) => {
    expect(next(text, bump)).toBe(expected);
  });

  it.each<[string, Bump, string]>([
    ["1.2.3", "rc", "1.3.0-rc.1"],
    ["1.3.0-rc.1", "rc", "1.3.0-rc.2"],
    ["1.3.0-rc1", "rc", "1.3.0-rc2"],
    ["1.3.0-RC1", "rc", "1.3.0-RC2"],
    ["5.0.0-beta.1", "beta", "5.0.0-beta.2"],
    ["5.0.0-beta.1", "rc", "5.0.0-rc.1"],
    ["5.0.0-beta1", "rc", "5.0.0-rc1"],
    ["1.0.0-alpha", "alpha", "1.0.0-alpha.1"],
    ["1.0.0-alpha", "beta", "1.0.0-beta.1"],
    ["1.2.3", "alpha", "1.3.0-alpha.1"],
    ["1.3.0-rc.2", "final", "1.3.0"],
    ["1.3.0-rc.2", "minor", "1.3.0"],
    ["1.3.1-rc.1", "patch", "1.3.1"],
    ["2.0.0-rc.1", "major", "2.0.0"],
    ["1.2.3+build.7", "patch", "1.2.4"],
  ])("%s + %s is %s", (text, bump, expected) => {
    expect(next(text, bump)).toBe(expected);
  });

  it.each<[string, Bump, string, string]>([
    ["1.2.3", "rc", "1.2.0-rc1", "1.3.0-rc1"],
    ["1.2.3", "beta", "1.2.0-rc1", "1.3.0-beta1"],
    ["1.2.3", "rc", "1.2.0-RC.4", "1.3.0-RC.1"],
  ])("%s + %s follows the project's spelling of %s: %s", (text, bump, style, expected) => {
    expect(next(text, bump, style)).toBe(expected);
  });

  it("refuses the candidate after -rc9 in the -rcN spelling, which node-semver puts before it", () => {
    expect(next("1.3.0-rc9", "rc")).toBe(
      "error: 1.3.0-rc10 would sort before or equal to 1.3.0-rc9 under semver ordering, and a release never goes backwards; name a later version yourself.",
    );
  });

  it("refuses an earlier stage than the current one", () => {
    expect(next("1.3.0-rc.1", "beta")).toBe("error: 1.3.0-rc.1 is already past beta (it is a release candidate), so ask for rc or final instead.");
  });

  it("refuses to finalise a final version", () => {
    expect(next("1.2.3", "final")).toMatch(/^error: 1\.2\.3 is already a final version/);
  });
});

describe("semver nearest", () => {
  it.each([
    ["1.2", "1.2.0"],
    ["v3", "3.0.0"],
    ["1.3.0rc1", "1.3.0-rc.1"],
    ["1.2.3.4", "1.2.3"],
    ["1.2.3rc007", "1.2.3-rc.7"],
    ["1.2.3rc99999999999999999999", "1.2.3-rc.99999999999999999999"],
  ])("suggests %s → %s", (text, nearest) => {
    expect(scheme.nearest(text)).toBe(nearest);
  });
});
