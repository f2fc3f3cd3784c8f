import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { markdownChangelog, serializeChangelog } from "../../../src/policy/changelog/index.js";
import { fixture, openverseFiles } from "./fixtures.js";

const md = markdownChangelog();

// Untouched sections use `*` bullets, `__bold__` and hard wrapping that remark-stringify would
// rewrite; they must come out exactly as written.
const KEEP_A_CHANGELOG = [
  "# Changelog",
  "",
  "All notable changes.",
  "",
  "## 1.3.0 (unreleased)",
  "",
  "- Add `--dry-run`",
  "  to the CLI",
  "- Fix __bold__ thing",
  "",
  "## [1.2.0] - 2024-01-01",
  "",
  "### Added",
  "",
  "* Something   with  spaces",
  "* __Strong__ item",
  "",
  "[1.2.0]: https://example.org/compare/v1.1.0...v1.2.0",
  "",
].join("\n");

describe("markdown parse", () => {
  it.each(openverseFiles())("gives back %s byte for byte", (name) => {
    const text = fixture("openverse", name);
    expect(serializeChangelog(md.parse(text))).toBe(text);
  });

  it("reads an Openverse release file as one section titled by its date stamp", () => {
    const parsed = md.parse(fixture("openverse", "changelog-api-2024.01.01.19.52.14.md"));
    expect(parsed.preamble).toBe("");
    expect(parsed.sections.map((s) => s.heading.version)).toEqual(["2024.01.01.19.52.14"]);
  });

  it("takes the level of the first release heading, leaving subsections in the body", () => {
    const parsed = md.parse(KEEP_A_CHANGELOG);
    expect(parsed.preamble).toBe("# Changelog\n\nAll notable changes.\n\n");
    expect(parsed.sections.map((s) => s.rawHeading)).toEqual(["## 1.3.0 (unreleased)\n", "## [1.2.0] - 2024-01-01\n"]);
  });

  // remark takes about a millisecond a document, so these get more time than vitest's default.
  it("never throws and always round-trips on any string", () => {
    fc.assert(
      fc.property(fc.string(), (text) => {
        expect(serializeChangelog(md.parse(text))).toBe(text);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it("never throws and always round-trips on heading-like text", () => {
    const unit = fc.constantFrom("1.2.0", "#", "## ", " ", "\n", "\r\n", "-", "*", "=", "[", "]", "(unreleased)", "`", "> ", "x");
    fc.assert(
      fc.property(fc.string({ unit }), (text) => {
        expect(serializeChangelog(md.parse(text))).toBe(text);
        md.unreleasedEntries(text);
      }),
      { numRuns: 2_000 },
    );
  }, 120_000);
});

describe("markdown edits", () => {
  it("finalises the unreleased heading and leaves every other byte alone", () => {
    const result = md.finalize(KEEP_A_CHANGELOG, { version: "1.3.0", codename: "Bigfoot", date: "2024-02-01" });
    expect(result).toEqual({ text: KEEP_A_CHANGELOG.replace("## 1.3.0 (unreleased)", '## 1.3.0 "Bigfoot" (2024-02-01)') });
  });

  it("escapes Markdown in a generated heading", () => {
    const result = md.finalize(KEEP_A_CHANGELOG, { version: "1.3.0", codename: "*Mothman*", date: "2024-02-01" });
    expect("text" in result && result.text.split("\n")[4]).toBe('## 1.3.0 "\\*Mothman\\*" (2024-02-01)');
  });

  it("adds a new unreleased section above the latest release", () => {
    const released = KEEP_A_CHANGELOG.replace("## 1.3.0 (unreleased)", "## 1.3.0 (2024-02-01)");
    expect(md.addUnreleased(released, { version: "1.3.1", empty: "No changes yet." })).toBe(
      released.replace("## 1.3.0 (2024-02-01)", "## 1.3.1 (unreleased)\n\n- No changes yet.\n\n## 1.3.0 (2024-02-01)"),
    );
  });

  it("keeps the file's dominant line ending: one stray CRLF does not make the new section CRLF", () => {
    const released = KEEP_A_CHANGELOG.replace("## 1.3.0 (unreleased)", "## 1.3.0 (2024-02-01)").replace("- Fix __bold__ thing\n", "- Fix __bold__ thing\r\n");
    expect(md.addUnreleased(released, { version: "1.3.1", empty: "No changes yet." })).toBe(
      released.replace("## 1.3.0 (2024-02-01)", "## 1.3.1 (unreleased)\n\n- No changes yet.\n\n## 1.3.0 (2024-02-01)"),
    );
    const crlf = released.replace(/\r?\n/g, "\r\n").replace("- Fix __bold__ thing\r\n", "- Fix __bold__ thing\n");
    expect(md.addUnreleased(crlf, { version: "1.3.1", empty: "No changes yet." })).toBe(
      crlf.replace("## 1.3.0 (2024-02-01)", "## 1.3.1 (unreleased)\r\n\r\n- No changes yet.\r\n\r\n## 1.3.0 (2024-02-01)"),
    );
  });

  it("refuses a version whose section lies below the head, found by the whole-file heading scan", () => {
    const text = `${KEEP_A_CHANGELOG}## 1.3.0 "Bigfoot" (2020-01-01)\n\n- Long ago\n`;
    expect(md.finalize(text, { version: "1.3.0", date: "2024-02-01" })).toEqual({
      error: 'The changelog already has a section for 1.3.0 ("1.3.0 "Bigfoot" (2020-01-01)"), so it cannot be released again.',
    });
  });

  it("scans every heading of the file, outside fenced code, for versions and codenames", () => {
    const text = `${KEEP_A_CHANGELOG}\n\`\`\`\n## 9.9.9 "Fenced" (2020-01-01)\n\`\`\`\n\n## 0.9.0 "Yeti" (2019-01-01)\n\nOld\n1.0.0 "Nessie" (2019-06-01)\n---\n`;
    expect(md.headings(text).flatMap((h) => (h.version === undefined ? [] : [`${h.version} ${h.codename ?? ""}`.trim()]))).toEqual([
      "1.3.0",
      "1.2.0",
      "0.9.0 Yeti",
    ]);
  });

  it("lists the unreleased items without bullets, continuation lines dedented", () => {
    expect(md.unreleasedEntries(KEEP_A_CHANGELOG)).toEqual(["Add `--dry-run`\nto the CLI", "Fix __bold__ thing"]);
  });

  it("gives no entries for the placeholder", () => {
    expect(md.unreleasedEntries("## 2.0.0 (unreleased)\n\n- No changes yet\n")).toEqual([]);
  });

  it("gives a release's body, subsections and link definitions included", () => {
    expect(md.sectionFor(KEEP_A_CHANGELOG, "1.2.0")).toBe(
      "### Added\n\n* Something   with  spaces\n* __Strong__ item\n\n[1.2.0]: https://example.org/compare/v1.1.0...v1.2.0",
    );
  });
});
