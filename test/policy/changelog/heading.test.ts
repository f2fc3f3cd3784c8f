import { describe, expect, it } from "vitest";
import { parseHeadingText, renderHeading } from "../../../src/policy/changelog/index.js";

describe("parseHeadingText", () => {
  it.each([
    ["2.6.0 (unreleased)", { version: "2.6.0", unreleased: true }],
    ['2.5.2 "Cactus cat" (2024-11-18)', { version: "2.5.2", codename: "Cactus cat", date: "2024-11-18", unreleased: false }],
    ['2.5.1rc1 "Cactus cat" (2024-08-09)', { version: "2.5.1rc1", codename: "Cactus cat", date: "2024-08-09", unreleased: false }],
    ['2.1.10 "Bunyip" (12-05-2023)', { version: "2.1.10", codename: "Bunyip", date: "2023-12-05", rawDate: "12-05-2023", unreleased: false }],
    ["1.0.1 (2022-05-09)", { version: "1.0.1", date: "2022-05-09", unreleased: false }],
    ["0.8.5.1 (2019-09-04)", { version: "0.8.5.1", date: "2019-09-04", unreleased: false }],
    ['2.0.1 "Alien Big Cat" (2022-10-26)', { version: "2.0.1", codename: "Alien Big Cat", unreleased: false }],
    ["[1.2.0] - 2024-01-01", { version: "1.2.0", date: "2024-01-01", unreleased: false }],
    ["v1.2.0", { version: "1.2.0", unreleased: false }],
    ["[Unreleased]", { unreleased: true }],
    ["2024.01.01.19.52.14", { version: "2024.01.01.19.52.14", unreleased: false }],
  ])("reads %s", (text, expected) => {
    expect(parseHeadingText(text)).toMatchObject({ text, ...expected });
  });

  it.each(["New Features", "Changelog", "Bug Fixes"])("finds no release in %j", (text) => {
    expect(parseHeadingText(text)).toEqual({ text, unreleased: false });
  });

  it("recognises a configured unreleased template", () => {
    expect(parseHeadingText("Next: 3.0.0", { unreleased: "Next: {version}" })).toEqual({ text: "Next: 3.0.0", version: "3.0.0", unreleased: true });
  });
});

describe("renderHeading", () => {
  it.each([
    ['{version} "{codename}" ({date:YYYY-MM-DD})', { version: "2.5.2", codename: "Cactus cat", date: "2024-11-18" }, '2.5.2 "Cactus cat" (2024-11-18)'],
    ['{version} "{codename}" ({date:YYYY-MM-DD})', { version: "1.0.1", date: "2022-05-09" }, "1.0.1 (2022-05-09)"],
    ['{version} "{codename}" ({date:MM-DD-YYYY})', { version: "2.1.10", codename: "Bunyip", date: "2023-12-05" }, '2.1.10 "Bunyip" (12-05-2023)'],
    ["{version} (unreleased)", { version: "2.6.0" }, "2.6.0 (unreleased)"],
    ["[{version}] - {date}", { version: "1.2.0", date: "2024-01-01" }, "[1.2.0] - 2024-01-01"],
  ])("renders %s", (template, values, expected) => {
    expect(renderHeading(template, values)).toBe(expected);
  });
});
