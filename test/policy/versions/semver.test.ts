import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVersionError, semverScheme, type Bump } from "../../../src/policy/versions/index.js";

const scheme = semverScheme;

function next(text: string, bump: Bump): string {
  const current = scheme.parse(text);
  if (!current) throw new Error(`fixture ${text} does not parse`);
  const result = scheme.next(current, bump);
  return isVersionError(result) ? `error: ${result.error}` : scheme.format(result);
}

describe("semver parse", () => {
  it.each([
    ["1.2.3", { major: 1, minor: 2, patch: 3, extra: [] }],
    ["v1.2.3", { major: 1, minor: 2, patch: 3, extra: [] }],
    ["1.2.0-rc.1", { major: 1, minor: 2, patch: 0, extra: [], rc: 1 }],
    ["1.2.0-rc2", { major: 1, minor: 2, patch: 0, extra: [], rc: 2 }],
  ])("reads %s", (text, expected) => {
    expect(scheme.parse(text)).toEqual({ ...expected, raw: text });
  });

  it.each(["1.2", "1.2.3.4", "01.2.3", "1.2.3-beta.1", "1.2.3rc1", ""])("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
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

describe("semver next", () => {
  it.each<[string, Bump, string]>([
    ["1.2.3", "major", "2.0.0"],
    ["1.2.3", "minor", "1.3.0"],
    ["1.2.3", "patch", "1.2.4"],
    ["1.2.3", "rc", "1.3.0-rc.1"],
    ["1.3.0-rc.1", "rc", "1.3.0-rc.2"],
    ["1.3.0-rc.2", "final", "1.3.0"],
    ["1.3.0-rc.2", "minor", "1.3.0"],
    ["1.3.1-rc.1", "patch", "1.3.1"],
    ["2.0.0-rc.1", "major", "2.0.0"],
  ])("%s + %s is %s", (text, bump, expected) => {
    expect(next(text, bump)).toBe(expected);
  });

  it("refuses to finalise a final version", () => {
    expect(next("1.2.3", "final")).toMatch(/^error: 1\.2\.3 is already a final version/);
  });
});

describe("semver compare", () => {
  it.each([
    ["1.2.3", "1.2.4"],
    ["1.3.0-rc.1", "1.3.0-rc.2"],
    ["1.3.0-rc.9", "1.3.0"],
    ["1.9.9", "1.10.0"],
  ])("puts %s before %s", (lower, higher) => {
    const a = scheme.parse(lower);
    const b = scheme.parse(higher);
    if (!a || !b) throw new Error("fixture does not parse");
    expect(scheme.compare(a, b)).toBe(-1);
  });
});
