// The shared body of the changelog fuzz tests: any file text (a changelog on the default branch
// is written by anyone with push access, and by other tools) through every operation of a format.
import fc from "fast-check";
import { expect } from "vitest";
import { serializeChangelog, type ChangelogFormat, type HeadingTemplates } from "../../../src/policy/changelog/index.js";
import { fuzz, textOf, withLongRuns } from "./budget.js";

const PIECES = [
  "\n",
  "\r\n",
  "\r",
  "\n\n",
  "# ",
  "## ",
  "### ",
  "#",
  "=====",
  "-----",
  "~~~~",
  "^^^",
  "***",
  "```\n",
  "    ",
  "\t",
  "- ",
  "* ",
  "+ ",
  "1. ",
  "> ",
  "2.6.0",
  "2.5.2",
  "v1.0.0",
  "[1.2.0]",
  "0.8.5.1",
  "2.6.0rc1",
  " (unreleased)",
  "Unreleased",
  "[Unreleased]",
  ' "Cactus cat"',
  " (2024-11-18)",
  " (12-05-2023)",
  " - 2024-01-01",
  "No changes yet.",
  "No changes yet",
  "Bug Fixes",
  "text",
  "é",
  "\u0000",
  "<!-- -->",
  "..",
  ":",
  "`",
  "\\",
  "[",
  "]",
  "(",
  ")",
];

export const changelogText = withLongRuns(textOf(PIECES, 60), [
  // Runs where a quadratic parser shows (emphasis delimiters, trailing blanks) are long. Remark is
  // linear but costs microseconds per line, bracket or backtick, so those runs stay near what a
  // real changelog holds.
  ["*a", 5_000],
  ["_a", 5_000],
  ["a_ ", 5_000],
  [" ", 10_000],
  ["\t", 10_000],
  ["=", 10_000],
  ["v", 10_000],
  ["[", 2_000],
  ["`a", 2_000],
  ["#", 2_000],
  ["1.", 2_000],
  ["(", 2_000],
  ["\n", 1_000],
  ["- ", 1_000],
  ["\n ", 1_000],
  ["# \n", 500],
]);

const TEMPLATES = [
  "{version}",
  "{version} (unreleased)",
  "{version} (was {version})",
  "[{version}] - unreleased",
  "v{version}",
  "{version} {version} {version}",
  "Unreleased {version}",
];
const HEADINGS = ['{version} "{codename}" ({date:YYYY-MM-DD})', "{version} ({date:YYYY-MM-DD})", "[{version}] - {date}", "{version}"];

const templates: fc.Arbitrary<HeadingTemplates> = fc.record(
  {
    heading: fc.constantFrom(...HEADINGS),
    unreleased: fc.constantFrom(...TEMPLATES),
    empty: fc.array(fc.constantFrom("No changes yet.", "Nothing yet", "-"), { maxLength: 2 }),
  },
  { requiredKeys: [] },
);
const version = fc.constantFrom("2.6.0", "2.6.0rc1", "1.0.0", "0.8.5.1", "10.0.0-rc.1", "v2.6.0", "[x]", "");

const OPERATIONS = ["parse", "finalize", "addUnreleased", "unreleasedEntries", "sectionFor"] as const;

/** One case is one call of one operation, so each call has the whole budget. */
export function fuzzFormat(make: (templates: HeadingTemplates) => ChangelogFormat): void {
  const facts = fc.record({
    version,
    codename: fc.option(fc.constantFrom("Cactus cat", "Bunyip", '"'), { nil: undefined }),
    date: fc.constantFrom("2024-11-18", "2023-12-05", ""),
  });
  fuzz(
    fc.tuple(fc.constantFrom(...OPERATIONS), changelogText, templates, facts),
    ([operation, text, chosen, { codename, ...rest }]) => {
      const format = make(chosen);
      switch (operation) {
        case "parse":
          // Every byte belongs to the preamble or a section, in order.
          expect(serializeChangelog(format.parse(text))).toBe(text);
          return;
        case "finalize":
          format.finalize(text, codename === undefined ? rest : { ...rest, codename });
          return;
        case "addUnreleased":
          format.addUnreleased(text, { version: rest.version, empty: "No changes yet." });
          return;
        case "unreleasedEntries":
          format.unreleasedEntries(text);
          return;
        case "sectionFor":
          format.sectionFor(text, rest.version);
      }
    },
    {
      examples: [
        // Emphasis delimiters (quadratic in micromark), a staircase of nested bullets (cubic), one
        // line of bullets, and trailing blanks before a last word (a quadratic /\s+$/).
        ["parse", "*a".repeat(5_000), {}, { version: "2.6.0", codename: undefined, date: "2024-11-18" }],
        ["parse", Array.from({ length: 150 }, (_, i) => `${"  ".repeat(i)}- x`).join("\n"), {}, { version: "2.6.0", codename: undefined, date: "2024-11-18" }],
        ["parse", `${"- ".repeat(3_000)}x`, {}, { version: "2.6.0", codename: undefined, date: "2024-11-18" }],
        ["sectionFor", `## 2.6.0\n\n- x${" ".repeat(20_000)}y\n`, {}, { version: "2.6.0", codename: undefined, date: "2024-11-18" }],
      ],
    },
  );
}
