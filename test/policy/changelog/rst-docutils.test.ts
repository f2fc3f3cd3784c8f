// docutils reads every reStructuredText text the changelog tests produce without a warning, and
// measures titles as column-width.ts does. One Python process checks the whole batch. docutils
// is Debian's python3-docutils for /usr/bin/python3 (.ci/run installs it).
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { columnWidth } from "../../../src/policy/changelog/column-width.js";
import { WIDE_CODENAMES } from "./rst-forms.js";
import { rstOutputs } from "./rst-outputs.js";

const CHECK = `
import io, json, sys
import docutils.core, docutils.utils
batch = json.load(sys.stdin)
found = {}
for doc in batch["documents"]:
    stream = io.StringIO()
    docutils.core.publish_doctree(doc["text"], settings_overrides={
        "report_level": 2, "halt_level": 5, "warning_stream": stream, "file_insertion_enabled": False, "raw_enabled": False})
    found[doc["name"]] = stream.getvalue()
widths = {text: docutils.utils.column_width(text) for text in batch["widths"]}
json.dump({"warnings": found, "widths": widths}, sys.stdout)
`;

interface Report {
  readonly warnings: Record<string, string>;
  readonly widths: Record<string, number>;
}

function docutils(documents: readonly { name: string; text: string }[], widths: readonly string[]): Report {
  const output = execFileSync("/usr/bin/python3", ["-c", CHECK], { input: JSON.stringify({ documents, widths }), encoding: "utf8" });
  return JSON.parse(output) as Report;
}

const BROKEN = { name: "an underline too short", text: 'Changelog\n=========\n\n1.0.0 "雪男" (2024-01-01)\n----------------------\n\n- x\n' };
const WIDTHS = [...WIDE_CODENAMES, "Cafe\u0301", "한국어", "ｶﾀｶﾅ", "👨‍👩‍👧", "plain"];

describe("docutils on the changelog tests' reStructuredText", () => {
  const outputs = rstOutputs();
  const report = docutils([...outputs, BROKEN], WIDTHS);

  it("checks every output", () => {
    expect(outputs.length).toBeGreaterThan(20);
    expect(Object.keys(report.warnings)).toHaveLength(outputs.length + 1);
  });

  it("would see a title underline too short, so the check can fail", () => {
    expect(report.warnings[BROKEN.name]).toMatch(/Title underline too short/);
  });

  it.each(outputs.map((o) => o.name))("finds no warning in %s", (name) => {
    expect(report.warnings[name]).toBe("");
  });

  it.each(WIDTHS)("measures %j as docutils does", (text) => {
    expect(columnWidth(text)).toBe(report.widths[text]);
  });
});
