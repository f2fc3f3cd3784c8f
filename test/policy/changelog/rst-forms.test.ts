import { describe, expect, it } from "vitest";
import { rstChangelog, serializeChangelog } from "../../../src/policy/changelog/index.js";
import { columnWidth } from "../../../src/policy/changelog/column-width.js";
import { EQUALS_RELEASES, OVERLINED_RELEASES, TILDE_RELEASES, TRAILING_SECTION } from "./rst-forms.js";

const rst = rstChangelog();

function finalized(text: string, facts: { version: string; codename?: string; date: string }): string {
  const result = rst.finalize(text, facts);
  if ("error" in result) throw new Error(result.error);
  return result.text;
}

describe("rst titles docutils accepts", () => {
  it.each([
    ["= releases under an overlined title", EQUALS_RELEASES, ["1.1.0", "1.0.0"]],
    ["overlined releases", OVERLINED_RELEASES, ["2.0.0", "1.9.0"]],
    ["~ releases", TILDE_RELEASES, ["0.3.0"]],
  ])("finds the releases of %s and gives the text back byte for byte", (_name, text, versions) => {
    const parsed = rst.parse(text);
    expect(parsed.sections.map((s) => s.heading.version)).toEqual(versions);
    expect(serializeChangelog(parsed)).toBe(text);
  });

  it("finalises a = release with a = underline as wide as the heading", () => {
    expect(finalized(EQUALS_RELEASES, { version: "1.1.0", codename: "Mothman", date: "2024-02-01" })).toBe(
      EQUALS_RELEASES.replace("1.1.0 (unreleased)\n==================\n", '1.1.0 "Mothman" (2024-02-01)\n============================\n'),
    );
  });

  it("keeps the overline of an overlined release, and subsections inside its notes", () => {
    const text = finalized(OVERLINED_RELEASES, { version: "2.0.0", date: "2024-02-01" });
    expect(text).toBe(
      OVERLINED_RELEASES.replace(
        "******************\n2.0.0 (unreleased)\n******************\n",
        "******************\n2.0.0 (2024-02-01)\n******************\n",
      ),
    );
    expect(rst.sectionFor(text, "2.0.0")).toBe("* New API\n\nBug fixes\n=========\n\n* A fix");
  });

  it("adds the next unreleased section in the releases' own style", () => {
    const once = rst.addUnreleased(finalized(OVERLINED_RELEASES, { version: "2.0.0", date: "2024-02-01" }), { version: "2.0.1", empty: "No changes yet." });
    expect(once.split("\n").slice(3, 9)).toEqual(["******************", "2.0.1 (unreleased)", "******************", "", "-   No changes yet.", ""]);
    expect(rst.addUnreleased(once, { version: "2.0.1", empty: "No changes yet." })).toBe(once);
    const tilde = rst.addUnreleased(finalized(TILDE_RELEASES, { version: "0.3.0", date: "2024-02-01" }), { version: "0.3.1", empty: "No changes yet." });
    expect(tilde.split("\n").slice(3, 5)).toEqual(["0.3.1 (unreleased)", "~~~~~~~~~~~~~~~~~~"]);
  });

  it("ends a release's notes at the next section of its level or above, whatever its adornment", () => {
    expect(rst.sectionFor(TRAILING_SECTION, "1.0.0")).toBe("-   First");
    expect(rst.parse(TRAILING_SECTION).sections.map((s) => s.heading.text)).toEqual(["1.0.1 (unreleased)", '1.0.0 "Bigfoot" (2024-01-01)', "Contributors"]);
  });

  it("reads a title whose underline is short but four or more long, as docutils does (with a warning)", () => {
    const text = "1.0.0 (2024-01-01)\n-----\n\n- x\n\n0.9.0 (2023-01-01)\n--\n\n- y\n";
    // `--` under a longer title is ordinary text to docutils, so 0.9.0 stays in 1.0.0's notes.
    expect(rst.parse(text).sections.map((s) => s.heading.version)).toEqual(["1.0.0"]);
  });

  it("gives the first release a style the document title leaves free", () => {
    expect(rst.addUnreleased("Changelog\n---------\n", { version: "0.1.0", empty: "No changes yet." })).toBe(
      "Changelog\n---------\n\n0.1.0 (unreleased)\n==================\n\n-   No changes yet.\n",
    );
  });

  it("does not take a bullet over a dashed line for a title", () => {
    expect(rst.parse("1.0.0 (unreleased)\n------------------\n\n- 2.0.0 (unreleased)\n------------------\n").sections).toHaveLength(1);
  });
});

describe("rst title width", () => {
  it.each([
    ["雪男", 4],
    ["🦶 Bigfoot", 10],
    ["Ｙｅｔｉ", 8],
    ["Cafe\u0301", 4],
    ["ascii", 5],
  ])("measures %j as %i columns", (text, width) => {
    expect(columnWidth(text)).toBe(width);
  });

  it("underlines a wide codename to its full width", () => {
    const text = finalized(TRAILING_SECTION, { version: "1.0.1", codename: "雪男", date: "2024-02-01" });
    const [title, underline] = text.split("\n").slice(3, 5);
    expect(title).toBe('1.0.1 "雪男" (2024-02-01)');
    expect(underline).toBe("-".repeat(25));
  });

  it("reads back a release whose underline is as wide as its wide title", () => {
    const text = '1.0.0 "雪男" (2024-01-01)\n-------------------------\n\n- x\n';
    expect(rst.parse(text).sections.map((s) => s.heading.codename)).toEqual(["雪男"]);
  });
});

describe("rst line endings", () => {
  it("keeps LF for the new section when one stray line ends in CRLF", () => {
    const text = "Changelog\n=========\n\n1.0.0 (2024-01-01)\n------------------\n\n-   x\r\n-   y\n";
    expect(rst.addUnreleased(text, { version: "1.0.1", empty: "No changes yet." })).toBe(
      "Changelog\n=========\n\n1.0.1 (unreleased)\n------------------\n\n-   No changes yet.\n\n1.0.0 (2024-01-01)\n------------------\n\n-   x\r\n-   y\n",
    );
  });

  it("keeps CRLF for a CRLF file with one stray LF line", () => {
    const text = "Changelog\r\n=========\r\n\r\n1.0.1 (unreleased)\r\n------------------\r\n\r\n-   x\n\r\n";
    expect(finalized(text, { version: "1.0.1", date: "2024-02-01" })).toBe(
      text.replace("1.0.1 (unreleased)\r\n------------------\r\n", "1.0.1 (2024-02-01)\r\n------------------\r\n"),
    );
  });
});
