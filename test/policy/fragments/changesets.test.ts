// changesets read as @changesets/parse reads them (issue #15 item 9): front matter levels, the
// highest one per file and per release, empty changesets, and a broken one refused by name.
import { describe, expect, it } from "vitest";
import { changesetSections, parseChangeset } from "../../../src/policy/fragments/changesets.js";

describe("one changeset", () => {
  it("takes the highest level it gives any package, and the summary after the front matter", () => {
    expect(parseChangeset("a.md", '---\n"pkg-a": patch\n"@scope/b": major\n---\n\nBreak it.\n')).toEqual({ level: "major", summary: "Break it." });
  });

  it("reads an empty changeset as releasing nothing", () => {
    expect(parseChangeset("e.md", "---\n---\n")).toEqual({ level: undefined, summary: "" });
  });

  it.each([
    ["no front matter", "Just text.\n", "The changeset x.md has no front matter"],
    ["a level that is not one", '---\n"pkg": huge\n---\nx\n', 'The changeset x.md gives "pkg" the level "huge"; use major, minor or patch.'],
    ["front matter that is a list", "---\n- pkg\n---\nx\n", "is not a map"],
    ["front matter that is not YAML", '---\n"pkg: [\n---\nx\n', "is not YAML"],
    ["an alias bomb", "---\na: &a [x]\nb: *a\n---\nx\n", "is not YAML"],
  ])("refuses %s, naming the file", (_case, text, message) => {
    const got = parseChangeset("x.md", text);
    expect("error" in got ? got.error : "").toContain(message);
  });
});

describe("a release's changesets", () => {
  it("groups summaries under changesets' headings, skips its own files, and gives the highest level", () => {
    const got = changesetSections({
      "README.md": "Docs",
      "config.json": "{}",
      "b.md": '---\n"p": patch\n---\nFix.\n',
      "a.md": '---\n"p": minor\n---\nAdd.\n',
      "c.md": "---\n---\n",
    });
    if ("error" in got) throw new Error(got.error);
    expect(got.level).toBe("minor");
    expect(got.sections).toEqual([
      { title: "Minor Changes", entries: [{ text: "Add.", issues: [] }] },
      { title: "Patch Changes", entries: [{ text: "Fix.", issues: [] }] },
    ]);
    expect(got.used.map((f) => f.name)).toEqual(["a.md", "b.md", "c.md"]);
  });

  it("refuses the release when one changeset is broken", () => {
    expect(changesetSections({ "a.md": "no front matter" })).toHaveProperty("error");
  });
});
