import { describe, expect, it } from "vitest";
import { rstChangelog } from "../../../src/policy/changelog/index.js";
import { fixture } from "./fixtures.js";

const rst = rstChangelog();
const HEAD_2024 = fixture("gwcelery", "CHANGES.rst.head-2024-12.rst");

describe("rst finalize", () => {
  it("renames 2.6.0 (unreleased) with an underline as long as the new heading", () => {
    const result = rst.finalize(HEAD_2024, { version: "2.6.0", codename: "Ghost Deer", date: "2024-12-20" });
    if ("error" in result) throw new Error(result.error);
    expect(result.text).toBe(
      HEAD_2024.replace("2.6.0 (unreleased)\n------------------\n", '2.6.0 "Ghost Deer" (2024-12-20)\n-------------------------------\n'),
    );
  });

  it("writes an rc release with the same heading form", () => {
    const result = rst.finalize(HEAD_2024, { version: "2.6.0rc1", codename: "Ghost Deer", date: "2024-12-20" });
    expect("text" in result && result.text.split("\n").slice(3, 5)).toEqual(['2.6.0rc1 "Ghost Deer" (2024-12-20)', "----------------------------------"]);
  });

  it("leaves the codename out when there is none", () => {
    const result = rst.finalize(HEAD_2024, { version: "2.6.0", date: "2024-12-20" });
    expect("text" in result && result.text.split("\n")[3]).toBe("2.6.0 (2024-12-20)");
  });

  it("follows a configured heading template", () => {
    const custom = rstChangelog({ heading: "Version {version} ({date:MM-DD-YYYY})" });
    const result = custom.finalize(HEAD_2024, { version: "2.6.0", date: "2024-12-20" });
    expect("text" in result && result.text.split("\n")[3]).toBe("Version 2.6.0 (12-20-2024)");
  });

  it("refuses an empty unreleased section", () => {
    const text =
      'Changelog\n=========\n\n2.1.11 (unreleased)\n-------------------\n\n-   No changes yet\n\n2.1.10 "Bunyip" (12-05-2023)\n----------------------------\n\n-   x\n';
    expect(rst.finalize(text, { version: "2.1.11", codename: "Bunyip", date: "2023-12-06" })).toEqual({
      error: 'The section "2.1.11 (unreleased)" lists no changes yet, so there is nothing to release; add its entries first.',
    });
  });

  it("refuses a changelog without an unreleased section", () => {
    const text = 'Changelog\n=========\n\n2.5.2 "Cactus cat" (2024-11-18)\n-------------------------------\n\n-   x\n';
    expect(rst.finalize(text, { version: "2.6.0", codename: "Cactus cat", date: "2024-12-01" })).toEqual({
      error: 'The changelog has no unreleased section to finalise for 2.6.0; add a "2.6.0 (unreleased)" section with the changes first.',
    });
  });

  it("refuses a version that already has a section", () => {
    expect(rst.finalize(HEAD_2024, { version: "2.5.2", codename: "Cactus cat", date: "2024-12-01" })).toEqual({
      error: 'The changelog already has a section for 2.5.2 ("2.5.2 "Cactus cat" (2024-11-18)"), so it cannot be released again.',
    });
  });
});

describe("rst addUnreleased", () => {
  it("renames an existing unreleased section instead of adding a second", () => {
    const once = rst.addUnreleased(HEAD_2024, { version: "2.6.0", empty: "No changes yet." });
    expect(once).toBe(HEAD_2024);
  });

  it("adds a first section to a changelog that has only its title", () => {
    expect(rst.addUnreleased("Changelog\n=========\n", { version: "0.1.0", empty: "No changes yet." })).toBe(
      "Changelog\n=========\n\n0.1.0 (unreleased)\n------------------\n\n-   No changes yet.\n",
    );
  });

  it("keeps CRLF line endings", () => {
    const text = 'Changelog\r\n=========\r\n\r\n1.0.0 "Bigfoot" (2024-01-01)\r\n----------------------------\r\n\r\n-   x\r\n';
    expect(rst.addUnreleased(text, { version: "1.0.1", empty: "No changes yet." })).toBe(
      'Changelog\r\n=========\r\n\r\n1.0.1 (unreleased)\r\n------------------\r\n\r\n-   No changes yet.\r\n\r\n1.0.0 "Bigfoot" (2024-01-01)\r\n----------------------------\r\n\r\n-   x\r\n',
    );
  });
});
