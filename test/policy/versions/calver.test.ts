// Calendar versions: Openverse's UTC stamps and the counter forms (YY.MM.MICRO as calver.org lists it; MM is always two digits here), only
// dates that exist, and only formats that sort by date.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calverFormatError, calverScheme, isVersionError, versionScheme, type Bump } from "../../../src/policy/versions/index.js";

const scheme = versionScheme("calver");

function read(text: string, format?: string) {
  const parsed = (format === undefined ? scheme : calverScheme(format)).parse(text);
  if (!parsed) throw new Error(`fixture ${text} does not parse`);
  return parsed;
}

describe("calver parse", () => {
  it("reads an Openverse date stamp into its six parts", () => {
    expect(scheme.parse("2024.01.01.19.52.14")).toEqual({
      major: 2024,
      minor: 1,
      patch: 1,
      extra: [19, 52, 14],
      width: 6,
      normal: "2024.01.01.19.52.14",
      raw: "2024.01.01.19.52.14",
    });
  });

  it("writes the parts back zero-padded", () => {
    expect(scheme.format(read("2024.01.01.19.52.14"))).toBe("2024.01.01.19.52.14");
  });

  it.each(["2024.1.1.19.52.14", "2024.01.01", "v2024.01.01.19.52.14", "api-2024.01.01.19.52.14"])("refuses %j", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it.each([
    ["2024.13.01.00.00.00", "month 13"],
    ["2024.00.10.00.00.00", "month 0"],
    ["2024.02.30.00.00.00", "30 February"],
    ["2023.02.29.00.00.00", "29 February of a common year"],
    ["2024.04.31.00.00.00", "31 April"],
    ["2024.01.00.00.00.00", "day 0"],
    ["2024.01.01.24.00.00", "hour 24"],
    ["2024.01.01.23.60.00", "minute 60"],
    ["2024.01.01.23.59.60", "second 60"],
  ])("refuses %s (%s), a date that does not exist", (text) => {
    expect(scheme.parse(text)).toBeUndefined();
  });

  it("reads 29 February of a leap year", () => {
    expect(scheme.parse("2024.02.29.23.59.59")?.normal).toBe("2024.02.29.23.59.59");
  });

  it.each([
    ["YYYY-MM-DD", "2024-11-18", [2024, 11, 18]],
    ["YYYY.MM.MICRO", "2024.05.3", [2024, 5, 3]],
    ["YY.MM.N", "24.07.0", [24, 7, 0]],
    ["YY.MM.N", "106.12.10", [106, 12, 10]],
  ])("follows the format %s: %s", (format, text, parts) => {
    const parsed = read(text, format);
    expect([parsed.major, parsed.minor, parsed.patch]).toEqual(parts);
    expect(calverScheme(format).format(parsed)).toBe(text);
  });

  it.each([
    ["YY.MM.N", "24.13.0"],
    ["YY.MM.N", "24.07.01"],
    ["YY.MM.N", "24.7.0"],
    ["YYYY.MM.MICRO", "2024.05.03"],
  ])("refuses in %s the text %s", (format, text) => {
    expect(calverScheme(format).parse(text)).toBeUndefined();
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

describe("calver formats", () => {
  it.each(["YYYY.MM.DD.HH.mm.ss", "YYYY-MM-DD", "YYYY.MM", "YYYY.MM.MICRO", "YY.MM.N", "YYYY", "YYYY.N"])("accepts %s, which sorts by date", (format) => {
    expect(calverFormatError(format)).toBeUndefined();
  });

  it.each([
    ["DD.MM.YYYY", "YYYY.MM.DD"],
    ["MM.YYYY", "YYYY.MM"],
    ["MM.DD", "YYYY.MM.DD"],
    ["YYYY.DD", "YYYY.MM.DD"],
    ["YYYY-DD-MM-HH", "YYYY-MM-DD-HH"],
    ["N.YYYY.MM", "YYYY.MM.N"],
  ])("refuses %s, which does not sort by date, naming %s", (format, nearest) => {
    expect(calverFormatError(format)).toBe(
      `calver format "${format}" does not sort by date (it must start with the year and go down one unit at a time, with any counter last); use ${nearest}.`,
    );
  });

  it("refuses a format with an unknown part", () => {
    expect(calverFormatError("YYYY.WW")).toMatch(/unknown part at "WW"/);
    expect(() => calverScheme("YYYY.WW")).toThrow(/unknown part at "WW"/);
  });

  it("refuses two parts side by side, which cannot be read back", () => {
    expect(calverFormatError("YYYYMMN")).toMatch(/puts two parts side by side/);
  });
});

describe("calver next", () => {
  const current = read("2024.01.01.19.52.14");
  const now = new Date("2025-04-11T13:47:14Z");

  it.each<Bump>(["major", "minor", "patch"])("%s gives the UTC time of now", (bump) => {
    const result = scheme.next(current, bump, { now });
    expect(isVersionError(result) ? result.error : result.normal).toBe("2025.04.11.13.47.14");
  });

  it.each<Bump>(["rc", "beta", "alpha", "final"])("%s is refused with a sentence", (bump) => {
    const result = scheme.next(current, bump, { now });
    expect(isVersionError(result) && result.error).toMatch(/have no pre-releases/);
  });

  it("needs the current time", () => {
    const result = scheme.next(current, "patch");
    expect(isVersionError(result) && result.error).toBe("The next calendar version needs the current time, and none was given.");
  });

  it("refuses a version that is not later than the current one", () => {
    const result = scheme.next(current, "patch", { now: new Date("2024-01-01T19:52:14Z") });
    expect(isVersionError(result) && result.error).toMatch(/not later than 2024\.01\.01\.19\.52\.14/);
  });

  it.each([
    ["YY.MM.N", "24.07.0", "2024-07-30T10:00:00Z", "24.07.1"],
    ["YY.MM.N", "24.07.3", "2024-08-01T10:00:00Z", "24.08.0"],
    ["YYYY.MM.MICRO", "2024.07.9", "2024-07-30T10:00:00Z", "2024.07.10"],
  ])("with %s after %s at %s is %s", (format, text, at, expected) => {
    const counted = calverScheme(format);
    const result = counted.next(read(text, format), "patch", { now: new Date(at) });
    expect(isVersionError(result) ? result.error : result.normal).toBe(expected);
  });

  it("refuses a counter version when the clock is behind the last release", () => {
    const counted = calverScheme("YY.MM.N");
    const result = counted.next(read("24.08.0", "YY.MM.N"), "patch", { now: new Date("2024-07-30T10:00:00Z") });
    expect(isVersionError(result) && result.error).toMatch(/24\.07\.0, which is not later than 24\.08\.0/);
  });

  it("orders stamps by time, and counters by number", () => {
    expect(scheme.compare(current, read("2024.01.01.19.52.15"))).toBe(-1);
    expect(calverScheme("YY.MM.N").compare(read("24.07.10", "YY.MM.N"), read("24.07.9", "YY.MM.N"))).toBe(1);
  });
});
