import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calverScheme, isVersionError, versionScheme, type Bump } from "../../../src/policy/versions/index.js";

const scheme = versionScheme("calver");

describe("calver parse", () => {
  it("reads an Openverse date stamp into its six parts", () => {
    expect(scheme.parse("2024.01.01.19.52.14")).toEqual({ major: 2024, minor: 1, patch: 1, extra: [19, 52, 14], raw: "2024.01.01.19.52.14" });
  });

  it("writes the parts back zero-padded", () => {
    const parsed = scheme.parse("2024.01.01.19.52.14");
    expect(parsed && scheme.format(parsed)).toBe("2024.01.01.19.52.14");
  });

  it.each(["2024.1.1.19.52.14", "2024.01.01", "v2024.01.01.19.52.14", "api-2024.01.01.19.52.14"])("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it("follows a shorter format", () => {
    const daily = calverScheme("YYYY-MM-DD");
    expect(daily.parse("2024-11-18")).toEqual({ major: 2024, minor: 11, patch: 18, extra: [], raw: "2024-11-18" });
  });

  it("refuses a format with an unknown part", () => {
    expect(() => calverScheme("YY.MM")).toThrow(/unknown part at "YY.MM"/);
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

describe("calver next", () => {
  const current = scheme.parse("2024.01.01.19.52.14");
  if (!current) throw new Error("fixture does not parse");
  const now = new Date("2025-04-11T13:47:14Z");

  it.each<Bump>(["major", "minor", "patch"])("%s gives the UTC time of now", (bump) => {
    const result = scheme.next(current, bump, { now });
    expect(isVersionError(result) ? result.error : result.raw).toBe("2025.04.11.13.47.14");
  });

  it.each<Bump>(["rc", "final"])("%s is refused with a sentence", (bump) => {
    const result = scheme.next(current, bump, { now });
    expect(isVersionError(result) && result.error).toMatch(/have no release candidates/);
  });

  it("needs the current time", () => {
    const result = scheme.next(current, "patch");
    expect(isVersionError(result) && result.error).toBe("The next calendar version needs the current time, and none was given.");
  });

  it("refuses a version that is not later than the current one", () => {
    const result = scheme.next(current, "patch", { now: new Date("2024-01-01T19:52:14Z") });
    expect(isVersionError(result) && result.error).toMatch(/not later than 2024\.01\.01\.19\.52\.14/);
  });

  it("orders stamps by time", () => {
    const later = scheme.parse("2024.01.01.19.52.15");
    expect(later && scheme.compare(current, later)).toBe(-1);
  });
});
