// Fuzz: the config check (src/policy/config-check.ts) reads whatever YAML a pull request proposes.
// It must always end in a check run: never throw, never give up, never take long.
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { planConfigCheck, UNCHECKED } from "../../../src/policy/config-check.js";
import { fuzz, textOf } from "./budget.js";

const KEYS = [
  "_extends",
  "versioning",
  "scheme",
  "calver",
  "tag",
  "tag_message",
  "release_name",
  "apps",
  "paths",
  "labels",
  "version_files",
  "changelog",
  "file",
  "path",
  "format",
  "heading",
  "unreleased",
  "empty",
  "via",
  "branch",
  "title",
  "commit_message",
  "notes",
  "draft",
  "line",
  "categories",
  "exclude_labels",
  "max_pull_requests",
  "codenames",
  "codename_per",
  "checklist",
  "template",
  "open_on",
  "release_branch",
  "downstream",
  "repo",
  "package",
  "environments",
  "staging",
  "production",
  "__proto__",
  "constructor",
  "follows",
  "release",
  "deploy",
  "workflow",
  "repository_dispatch",
  "ref",
  "inputs",
  "payload",
  "requires",
  "checks",
  "approvals",
  "approvals_within",
  "trusted",
  "image_tag",
  "pointer_tag",
  "verify",
  "url",
  "expect",
  "timeout",
  "migrations",
  "check",
  "queue",
  "lock_timeout",
  "commands",
  "permission",
  "dashboard",
];
const TEXT = [
  "{version}",
  "{tag}",
  "{sha}",
  "{sha8}",
  "{date:YYYY-MM-DD}",
  "{date:",
  "{codename}",
  "{env}",
  "{app}",
  "{",
  "}",
  "{{",
  "v",
  "rel-",
  "api-",
  "main",
  "release/v",
  "30m",
  "99999d",
  "1h",
  "semver",
  "calver",
  "pep440",
  "YYYY.MM.DD",
  "CHANGES.rst",
  "Makefile",
  "deploy.yml",
  "https://example.org/v",
  "o/r",
  "**",
  "*a*a*a!",
  " ",
  "é",
  "\u0000",
];

/** A map with config keys; built from pairs, which fast-check makes far faster than dictionaries. */
function entries(values: fc.Arbitrary<Json>, maxKeys: number): fc.Arbitrary<{ [key: string]: Json }> {
  return fc.array(fc.tuple(fc.constantFrom(...KEYS), values), { maxLength: maxKeys }).map((pairs) => Object.fromEntries(pairs));
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

const value: fc.Arbitrary<Json> = fc.letrec<{ json: Json }>((tie) => ({
  json: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constant(null),
    fc.boolean(),
    fc.oneof(fc.integer({ min: -3, max: 30 }), fc.double()),
    textOf(TEXT, 5),
    fc.array(tie("json"), { maxLength: 4 }),
    entries(tie("json"), 5),
  ),
})).json;

/** A config-shaped document, written out as YAML. */
const structured = entries(value, 6).map((doc) => stringify(doc));

const EXAMPLE = readFileSync(new URL("../../../examples/greenweb.yml", import.meta.url), "utf8");
const SYNTAX = [
  "&a ",
  "*a",
  "*b",
  "<<: *a\n",
  "&b [*a, *a, *a]",
  "[",
  "]",
  "{",
  "}",
  ": ",
  "- ",
  "|\n",
  ">-\n",
  "!!binary ",
  "? ",
  "%YAML 1.2\n---\n",
  "---\n",
  "...\n",
  "\t",
  "  ",
  "\n",
  "'",
  '"',
  "#",
  "\\",
  "!",
];

/** A real config with YAML syntax spliced in and pieces cut out. */
const mutated = fc
  .array(fc.tuple(fc.nat({ max: EXAMPLE.length }), fc.nat({ max: 40 }), textOf(SYNTAX, 4)), { minLength: 1, maxLength: 6 })
  .map((edits) => edits.reduce((text, [at, cut, insert]) => text.slice(0, at) + insert + text.slice(at + cut), EXAMPLE));

const raw = fc.string({ maxLength: 200, unit: "binary" });

/** Line by line YAML with anchors, aliases, merges and nesting: mostly valid syntax, odd content. */
const VALUES = [
  "1",
  "x",
  '"{version}"',
  "&a x",
  "&a [x, x, x]",
  "*a",
  "*b",
  "*c",
  "&b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]",
  "&c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]",
  "[*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]",
  "{ <<: *a }",
  "!!str *a",
  "[[[[[[[[x]]]]]]]]",
  "",
  "|\n  text",
  "null",
  "~",
];
const lines = fc
  .array(fc.tuple(fc.nat({ max: 6 }), fc.oneof(fc.constantFrom(...KEYS), fc.constant("<<"), fc.constant("- ")), fc.constantFrom(...VALUES)), {
    minLength: 1,
    maxLength: 14,
  })
  .map((rows) => rows.map(([indent, key, value]) => `${"  ".repeat(indent)}${key === "- " ? "- " : `${key}: `}${value}`).join("\n") + "\n");

describe("fuzz: planConfigCheck", () => {
  it("always answers with one check run, whatever the YAML", () => {
    const yamlText = fc.oneof(
      { weight: 4, arbitrary: structured },
      { weight: 3, arbitrary: lines },
      { weight: 1, arbitrary: mutated },
      { weight: 2, arbitrary: raw },
    );
    fuzz(
      yamlText,
      (text) => {
        const plan = planConfigCheck({ repo: { owner: "o", repo: "r" }, headSha: "a".repeat(40), yamlText: text, repoName: "o/r" });
        const [run] = plan.actions;
        expect(run?.kind).toBe("check-run");
        if (run?.kind !== "check-run") return;
        // Checking itself never failed; every problem is the file's, on a line of it.
        expect(run.summary).not.toContain(UNCHECKED);
        expect(run.summary).not.toMatch(/call stack/i);
        const lines = text.split("\n").length;
        for (const annotation of run.annotations) expect(annotation.line).toBeGreaterThanOrEqual(1), expect(annotation.line).toBeLessThanOrEqual(lines + 1);
      },
      {
        examples: [
          "tag: *nope\n",
          "- &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
          `a: ${"[".repeat(3_000)}${"]".repeat(3_000)}\n`,
          "environments:\n  __proto__:\n    deploy: { workflow: d.yml }\n",
        ],
      },
    );
  });
});
