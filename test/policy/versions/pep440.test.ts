import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVersionError, pep440Scheme, type Bump } from "../../../src/policy/versions/index.js";

const scheme = pep440Scheme;

function next(text: string, bump: Bump): string {
  const current = scheme.parse(text);
  if (!current) throw new Error(`fixture ${text} does not parse`);
  const result = scheme.next(current, bump);
  return isVersionError(result) ? `error: ${result.error}` : scheme.format(result);
}

describe("pep440 parse", () => {
  it.each([
    ["10.8.5", { major: 10, minor: 8, patch: 5, extra: [] }],
    ["10.8.5.RC1", { major: 10, minor: 8, patch: 5, extra: [], rc: 1 }],
    ["10.8.5RC1", { major: 10, minor: 8, patch: 5, extra: [], rc: 1 }],
    ["10.8.5rc1", { major: 10, minor: 8, patch: 5, extra: [], rc: 1 }],
    ["2.5.1rc1", { major: 2, minor: 5, patch: 1, extra: [], rc: 1 }],
    ["2.6.0rc12", { major: 2, minor: 6, patch: 0, extra: [], rc: 12 }],
    ["0.8.5.1", { major: 0, minor: 8, patch: 5, extra: [1] }],
    ["v2.5.2", { major: 2, minor: 5, patch: 2, extra: [] }],
  ])("reads %s", (text, expected) => {
    expect(scheme.parse(text)).toEqual({ ...expected, raw: text });
  });

  it.each(["", "2.5", "2.5.x", "10.8.5-beta1", "10.8.5rc", "1.2.3 4", "abc"])("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it.each([
    ["10.8.5.RC1", "10.8.5rc1"],
    ["10.8.5RC1", "10.8.5rc1"],
    ["0.8.5.1", "0.8.5.1"],
  ])("writes %s as %s", (text, canonical) => {
    const parsed = scheme.parse(text);
    expect(parsed && scheme.format(parsed)).toBe(canonical);
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

describe("pep440 next", () => {
  it.each<[string, Bump, string]>([
    ["2.5.2", "major", "3.0.0"],
    ["2.5.2", "minor", "2.6.0"],
    ["2.5.2", "patch", "2.5.3"],
    ["2.5.2", "rc", "2.6.0rc1"],
    ["10.8.5rc1", "rc", "10.8.5rc2"],
    ["10.8.5rc2", "final", "10.8.5"],
    ["10.8.5.RC1", "final", "10.8.5"],
    ["10.8.5rc2", "patch", "10.8.5"],
    ["10.8.5rc2", "minor", "10.9.0"],
    ["2.6.0rc1", "minor", "2.6.0"],
    ["3.0.0rc1", "major", "3.0.0"],
    ["2.6.0rc1", "major", "3.0.0"],
    ["0.8.5.1", "patch", "0.8.6"],
    ["0.8.5.1", "minor", "0.9.0"],
  ])("%s + %s is %s", (text, bump, expected) => {
    expect(next(text, bump)).toBe(expected);
  });

  it("refuses to finalise a final version with a sentence", () => {
    expect(next("10.8.5", "final")).toBe(
      'error: 10.8.5 is already a final version; "final" only finishes a release candidate, so ask for major, minor or patch instead.',
    );
  });
});

describe("pep440 compare", () => {
  const ordered = ["0.8.5", "0.8.5.1", "1.0.1", "2.5.1rc1", "2.5.1rc2", "2.5.1", "2.5.2", "2.6.0rc1", "2.6.0", "10.8.5RC1", "10.8.5"];

  it.each(ordered.slice(1).map((text, i) => [ordered[i] ?? "", text]))("puts %s before %s", (lower, higher) => {
    const a = scheme.parse(lower);
    const b = scheme.parse(higher);
    if (!a || !b) throw new Error("fixture does not parse");
    expect(scheme.compare(a, b)).toBe(-1);
    expect(scheme.compare(b, a)).toBe(1);
  });

  it("treats the spellings of one candidate as equal", () => {
    const a = scheme.parse("10.8.5.RC1");
    const b = scheme.parse("10.8.5rc1");
    if (!a || !b) throw new Error("fixture does not parse");
    expect(scheme.compare(a, b)).toBe(0);
  });
});
