// A large Markdown changelog costs a release what its head costs: edits read down to the newest
// release only, whole-file questions use a line scan, and the windowed parse reads every
// character a bounded number of times. Work is counted (characters handed to the parser) and
// compared by ratio, never against the clock.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { generateKeepAChangelog } from "../../../bench/lib/changelog-md.js";
import { markdownChangelog, serializeChangelog } from "../../../src/policy/changelog/index.js";
import { readHeadings } from "../../../src/policy/changelog/markdown-headings.js";
import { headHeadings } from "../../../src/policy/changelog/markdown.js";

const md = markdownChangelog();
const FIVE_MB = generateKeepAChangelog(5 * 1024 * 1024);
const SMALL = generateKeepAChangelog(50 * 1024);

function release({ text, next }: { text: string; next: string }): string {
  md.headings(text);
  const result = md.finalize(text, { version: next, date: "2024-12-01", tag: `v${next}` });
  if ("error" in result) throw new Error(result.error);
  if (md.sectionFor(result.text, next) === undefined) throw new Error("no notes");
  return md.addUnreleased(result.text, { version: next, empty: "No changes yet." });
}

describe("a 5 MB CHANGELOG.md", () => {
  it("is released with every byte below the head as it was", () => {
    const { text, next } = FIVE_MB;
    expect(text.length).toBeGreaterThan(5_000_000);
    const released = release(FIVE_MB);
    const repo = "https://github.com/oscarotero/keep-a-changelog";
    const previous = next.replace(/^1\.(\d+)\.0$/, (_all, minor: string) => `1.${Number(minor) - 1}.0`);
    expect(released).toBe(
      text
        .replace("## [Unreleased]\n", `## [Unreleased]\n\n## [${next}] - 2024-12-01\n`)
        .replace(
          `[unreleased]: ${repo}/compare/v${previous}...HEAD\n`,
          `[unreleased]: ${repo}/compare/v${next}...HEAD\n[${next}]: ${repo}/compare/v${previous}...v${next}\n`,
        ),
    );
  });

  it("has its head read, the same few kilobytes as a 50 KB file's", () => {
    const large = headHeadings(FIVE_MB.text, {}).parsedChars;
    expect(Math.abs(large - headHeadings(SMALL.text, {}).parsedChars)).toBeLessThan(1024);
    expect(large).toBeLessThan(16 * 1024);
  });

  it("takes about four times the work at four times the size (linear, not quadratic)", () => {
    const one = generateKeepAChangelog(1024 * 1024);
    const four = generateKeepAChangelog(4 * 1024 * 1024);
    const median = (input: typeof one): number => {
      release(input);
      const samples = Array.from({ length: 5 }, () => {
        const started = performance.now();
        release(input);
        return performance.now() - started;
      });
      return samples.sort((a, b) => a - b)[2] ?? 0;
    };
    for (let i = 0; i < 50; i += 1) release(SMALL);
    const ratio = median(four) / median(one);
    // Linear gives 4 and quadratic 16; a shared machine's noise stays well inside 9.
    expect(ratio).toBeLessThan(9);
  }, 60_000);
});

describe("the windowed Markdown parse", () => {
  it("reads every character a bounded number of times", () => {
    const { text } = generateKeepAChangelog(200 * 1024);
    const { parsedChars, headings } = readHeadings(text, {});
    expect(headings.length).toBeGreaterThan(1_000);
    expect(parsedChars).toBeLessThan(2 * text.length);
  }, 60_000);

  it("finds the same headings in small windows as in one, whatever the blocks", () => {
    const unit = fc.constantFrom(
      "## 1.2.0\n",
      "# [Unreleased]\n",
      "### Added\n",
      "- item\n",
      "  continued\n",
      "\n",
      "```\n",
      "~~~\n",
      "    indented\n",
      "> quote\n",
      "text\n",
      "---\n",
      "===\n",
      "<!-- c\n",
      "-->\n",
      "<div>\n",
      "[1.2.0]: https://example.org\n",
      "1. one\n",
      "\r\n",
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), fc.integer({ min: 1, max: 40 }), (text, window) => {
        const whole = readHeadings(text, {}, () => false, text.length + 1).headings;
        expect(readHeadings(text, {}, () => false, window).headings).toEqual(whole);
      }),
      { numRuns: 1_500 },
    );
  }, 120_000);

  it("gives back the 5 MB file byte for byte from its head", () => {
    expect(serializeChangelog(md.head(FIVE_MB.text))).toBe(FIVE_MB.text);
  });
});
