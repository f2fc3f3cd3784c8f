// The shared body of the version-scheme fuzz tests: any text through parse, and every parsed
// version through format, compare and each bump, must come back as data, and no bump may give a
// version that sorts before or equal to the one it started from.
import fc from "fast-check";
import { expect } from "vitest";
import { BUMPS, type VersionScheme } from "../../../src/policy/versions/index.js";
import { fuzz, textOf, withLongRuns } from "./budget.js";

const PIECES = [
  "v",
  "V",
  "0",
  "1",
  "2",
  "9",
  "10",
  "007",
  "999999999999999",
  "99999999999999999999",
  ".",
  "-",
  "_",
  "+",
  "rc",
  "RC",
  "c",
  "a",
  "b",
  "post",
  "dev",
  "-rc.",
  "rc1",
  "alpha",
  "beta",
  "-beta.",
  "preview",
  "!",
  "+local",
  "r",
  " ",
  "\t",
  "é",
  "٣",
];

export const versionText = withLongRuns(textOf(PIECES, 14), ["1.", "9", ".", "rc", "0"]);

export function fuzzScheme(scheme: VersionScheme, text: fc.Arbitrary<string> = versionText): void {
  const now = fc.date({ min: new Date("1970-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59Z"), noInvalidDate: false });
  fuzz(fc.tuple(text, text, now), ([a, b, at]) => {
    const first = scheme.parse(a);
    const second = scheme.parse(b);
    // The suggestion in a refusal is itself a version of the scheme.
    const nearest = scheme.nearest(a);
    if (nearest !== undefined) expect(scheme.parse(nearest)).toBeDefined();
    if (first === undefined) return;
    const written = scheme.format(first);
    // What the scheme writes it reads back as the same version.
    const reread = scheme.parse(written);
    expect(reread === undefined ? undefined : scheme.compare(reread, first)).toBe(0);
    if (second !== undefined) expect(Math.sign(scheme.compare(first, second)) + Math.sign(scheme.compare(second, first))).toBe(0);
    for (const bump of BUMPS) {
      const next = scheme.next(first, bump, { now: at, ...(second?.pre === undefined ? {} : { style: second.pre }) });
      // A release line never goes backwards: whatever next gives sorts after what it was given.
      if (!("error" in next)) expect(scheme.compare(next, first)).toBe(1);
    }
  });
}
