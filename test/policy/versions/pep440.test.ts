// PEP 440 versions: the PEP's own examples (test/fixtures/versions/pep440.ts) read, normalised and
// ordered as the PEP says, and the bumps a Python project's release line needs.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isVersionError, pep440Scheme, type Bump } from "../../../src/policy/versions/index.js";
import { PEP440_EQUAL, PEP440_INVALID, PEP440_NORMALISED, PEP440_ORDERED } from "../../fixtures/versions/pep440.js";

const scheme = pep440Scheme;

function read(text: string) {
  const parsed = scheme.parse(text);
  if (!parsed) throw new Error(`fixture ${text} does not parse`);
  return parsed;
}

function next(text: string, bump: Bump): string {
  const result = scheme.next(read(text), bump);
  return isVersionError(result) ? `error: ${result.error}` : scheme.format(result);
}

describe("pep440 parse (the PEP's examples)", () => {
  it.each(PEP440_ORDERED)("reads %s, already in normal form", (text) => {
    expect(scheme.format(read(text))).toBe(text);
  });

  it.each(PEP440_NORMALISED)("reads %j and writes it %j", (text, normal) => {
    expect(scheme.format(read(text))).toBe(normal);
  });

  it.each(PEP440_INVALID)("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it.each([
    ["10.8.5", { major: 10, minor: 8, patch: 5, extra: [], width: 3 }],
    ["10.8.5.RC1", { major: 10, minor: 8, patch: 5, extra: [], width: 3, pre: { level: "rc", number: 1, style: "" } }],
    ["2.6.0rc12", { major: 2, minor: 6, patch: 0, extra: [], width: 3, pre: { level: "rc", number: 12, style: "" } }],
    ["1.0.0-alpha", { major: 1, minor: 0, patch: 0, extra: [], width: 3, pre: { level: "alpha", number: 0, style: "" } }],
    ["1.2.3.dev4", { major: 1, minor: 2, patch: 3, extra: [], width: 3, pre: { level: "other", style: "" } }],
    ["0.8.5.1", { major: 0, minor: 8, patch: 5, extra: [1], width: 4 }],
    ["2024.1", { major: 2024, minor: 1, patch: 0, extra: [], width: 2 }],
  ])("reads the parts of %s", (text, parts) => {
    const { normal: _normal, raw, ...rest } = read(text);
    expect(rest).toEqual(parts);
    expect(raw).toBe(text);
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

describe("pep440 compare (the PEP's order)", () => {
  const pairs = PEP440_ORDERED.slice(1).map((text, i) => [PEP440_ORDERED[i] ?? "", text] as const);

  it.each(pairs)("puts %s before %s", (lower, higher) => {
    expect(scheme.compare(read(lower), read(higher))).toBe(-1);
    expect(scheme.compare(read(higher), read(lower))).toBe(1);
  });

  it("sorts the whole list into the PEP's order from any order", () => {
    const shuffled = [...PEP440_ORDERED].reverse().map(read);
    expect(shuffled.sort((a, b) => scheme.compare(a, b)).map((v) => v.normal)).toEqual(PEP440_ORDERED);
  });

  it.each(PEP440_EQUAL)("treats %j and %j as one version", (a, b) => {
    expect(scheme.compare(read(a), read(b))).toBe(0);
  });

  it.each([
    ["1!1.0", "2.0"],
    ["2.5.1", "2.5.1rc2"],
    ["10.8.5", "10.8.5RC1"],
    ["0.8.5.1", "0.8.5"],
  ])("puts %s after %s", (higher, lower) => {
    expect(scheme.compare(read(higher), read(lower))).toBe(1);
  });
});

describe("pep440 next", () => {
  it.each<[string, Bump, string]>([
    ["2.5.2", "major", "3.0.0"],
    ["2.5.2", "minor", "2.6.0"],
    ["2.5.2", "patch", "2.5.3"],
    ["2.5.2", "rc", "2.6.0rc1"],
    ["2.5.2", "beta", "2.6.0b1"],
    ["2.5.2", "alpha", "2.6.0a1"],
    ["10.8.5rc1", "rc", "10.8.5rc2"],
    ["10.8.5b2", "rc", "10.8.5rc1"],
    ["10.8.5rc2", "final", "10.8.5"],
    ["10.8.5.RC1", "final", "10.8.5"],
    ["10.8.5rc2", "patch", "10.8.5"],
    ["10.8.5rc2", "minor", "10.9.0"],
    ["2.6.0rc1", "minor", "2.6.0"],
    ["3.0.0rc1", "major", "3.0.0"],
    ["2.6.0rc1", "major", "3.0.0"],
    ["0.8.5.1", "patch", "0.8.6"],
    ["0.8.5.1", "minor", "0.9.0"],
    // A two-part project stays two-part; a patch needs the third part (pip's 23.1 → 23.1.1).
    ["24.1", "minor", "24.2"],
    ["24.1", "major", "25.0"],
    ["24.1", "patch", "24.1.1"],
    ["24.1", "rc", "24.2rc1"],
    ["24.2rc1", "rc", "24.2rc2"],
    ["1!2.0", "minor", "1!2.1"],
    ["1.2.3.post1", "patch", "1.2.4"],
    ["1.2.3.dev4", "patch", "1.2.3"],
    ["1.2.3.dev4", "final", "1.2.3"],
    ["1.2.3.dev4", "rc", "1.2.3rc1"],
    ["1.0rc1.dev2", "rc", "1.0rc1"],
    ["1.0rc1.post1", "rc", "1.0rc2"],
    ["1.2.3+local.7", "patch", "1.2.4"],
    ["1.0.0-alpha", "alpha", "1.0.0a1"],
  ])("%s + %s is %s", (text, bump, expected) => {
    expect(next(text, bump)).toBe(expected);
  });

  it("refuses to finalise a final version with a sentence", () => {
    expect(next("10.8.5", "final")).toBe(
      'error: 10.8.5 is already a final version; "final" only finishes a pre-release, so ask for major, minor or patch instead.',
    );
  });

  it("refuses an earlier stage than the current one", () => {
    expect(next("2.6.0rc1", "alpha")).toBe("error: 2.6.0rc1 is already past alpha (it is a release candidate), so ask for rc or final instead.");
  });

  it.each([
    ["1.2.x", "1.2.0"],
    ["v3.x", "3.0.0"],
  ])("suggests %s → %s", (text, nearest) => {
    expect(scheme.nearest(text)).toBe(nearest);
  });
});
