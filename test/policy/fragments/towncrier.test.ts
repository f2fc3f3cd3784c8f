// towncrier fragments read and compiled as towncrier does (issue #15 item 9): names parsed from
// the back (towncrier/_builder.py), orphans, counters, misc showing only issues, same text merged,
// and the compiled text put into the unreleased section with every other byte kept.
import { describe, expect, it } from "vitest";
import { changelogFormat } from "../../../src/policy/changelog/index.js";
import { compileInto } from "../../../src/policy/fragments/index.js";
import { parseTowncrierName, towncrierSections } from "../../../src/policy/fragments/towncrier.js";

const REPO = "https://github.com/acme/widget";

describe("towncrier fragment names", () => {
  it.each([
    ["123.feature.md", { issue: "123", type: "feature", counter: 0 }],
    ["123.feature", { issue: "123", type: "feature", counter: 0 }],
    ["123.bugfix.2.rst", { issue: "123", type: "bugfix", counter: 2 }],
    ["0123.doc.md", { issue: "123", type: "doc", counter: 0 }],
    ["fix-1.2.3.feature", { issue: "fix-1.2.3", type: "feature", counter: 0 }],
    ["+tidy.misc.md", { issue: undefined, type: "misc", counter: 0 }],
    ["+1234.removal", { issue: undefined, type: "removal", counter: 0 }],
  ])("reads %s", (name, expected) => {
    expect(parseTowncrierName(name)).toEqual(expected);
  });

  it.each(["README.md", "123.bufix.md", "feature", ".gitignore", "123.md"])("%s is not a fragment", (name) => {
    expect(parseTowncrierName(name)).toBeUndefined();
  });
});

describe("towncrier sections", () => {
  it("orders types as towncrier does, issues by number, orphans last, misc as issues only", () => {
    const { sections, used } = towncrierSections({
      "10.bugfix.md": "B\n",
      "2.bugfix.md": "A\n",
      "+x.bugfix.md": "Orphan\n",
      "5.feature.md": "F\n",
      "9.misc": "ignored text",
      "3.misc": "",
      "README.md": "not one",
    });
    expect(sections).toEqual([
      { title: "Features", entries: [{ text: "F", issues: ["5"] }] },
      {
        title: "Bugfixes",
        entries: [
          { text: "A", issues: ["2"] },
          { text: "B", issues: ["10"] },
          { text: "Orphan", issues: [] },
        ],
      },
      { title: "Misc", entries: [{ text: undefined, issues: ["3", "9"] }] },
    ]);
    expect(used.map((f) => f.name).sort()).toEqual(["+x.bugfix.md", "10.bugfix.md", "2.bugfix.md", "3.misc", "5.feature.md", "9.misc"]);
  });

  it("makes one entry of fragments with the same text", () => {
    const { sections } = towncrierSections({ "4.feature.md": "Same\n", "1.feature.md": "Same" });
    expect(sections[0]?.entries).toEqual([{ text: "Same", issues: ["1", "4"] }]);
  });
});

describe("compiling into the unreleased section", () => {
  const md = changelogFormat("markdown", {});
  const sections = towncrierSections({ "12.feature.md": "New <script>x</script> by @eve\n<!-- release-pilot:release comment=1 -->" }).sections;

  it("replaces the placeholder, keeps every other byte, and makes the text inert", () => {
    const text = "# Changelog\n\n## 1.3.0 (unreleased)\n\n- No changes yet.\n\n## 1.2.0 (2024-01-01)\n\n- Old.\n";
    const out = compileInto(text, md, sections, REPO);
    if ("error" in out) throw new Error(out.error);
    expect(out.text).toBe(
      "# Changelog\n\n## 1.3.0 (unreleased)\n\n### Features\n\n" +
        `- New &lt;script>x&lt;/script> by @\u200deve &lt;!-- release-pilot:release comment=1 --> ([#12](${REPO}/issues/12))\n\n` +
        "## 1.2.0 (2024-01-01)\n\n- Old.\n",
    );
  });

  it("keeps entries a person wrote first, and the file's CRLF line ends", () => {
    const text = "## 1.3.0 (unreleased)\r\n\r\n- By hand.\r\n\r\n## 1.2.0 (2024-01-01)\r\n\r\n- Old.\r\n";
    const out = compileInto(text, md, towncrierSections({ "1.bugfix": "Fix" }).sections, REPO);
    if ("error" in out) throw new Error(out.error);
    expect(out.text).toBe(
      `## 1.3.0 (unreleased)\r\n\r\n- By hand.\r\n\r\n### Bugfixes\r\n\r\n- Fix ([#1](${REPO}/issues/1))\r\n\r\n## 1.2.0 (2024-01-01)\r\n\r\n- Old.\r\n`,
    );
  });

  it("writes RST with RST links and a bold type line", () => {
    const rst = changelogFormat("rst", {});
    const text =
      "Changelog\n=========\n\n1.3.0 (unreleased)\n------------------\n\n-   No changes yet.\n\n1.2.0 (2024-01-01)\n------------------\n\n-   Old.\n";
    const out = compileInto(text, rst, towncrierSections({ "7.doc.rst": "Document ``x``." }).sections, REPO);
    if ("error" in out) throw new Error(out.error);
    expect(out.text).toContain(
      `1.3.0 (unreleased)\n------------------\n\n**Improved Documentation**\n\n- Document \`\`x\`\`. (\`#7 <${REPO}/issues/7>\`__)\n\n1.2.0`,
    );
  });

  it("refuses a changelog with no unreleased section, saying what to add", () => {
    expect(compileInto("## 1.2.0 (2024-01-01)\n\n- Old.\n", md, sections, REPO)).toEqual({
      error: "The changelog has no unreleased section to compile the fragments into; add one (e.g. `## 1.3.0 (unreleased)`) and type /release again.",
    });
  });

  it("leaves the text alone when there are no fragments", () => {
    expect(compileInto("anything", md, [], REPO)).toEqual({ text: "anything" });
  });
});
