// Fuzz: template checking, rendering and matching (src/policy/template.ts). Templates come from
// the config; the values and the matched names (tags, branches, images) from GitHub.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ALL_TOKENS, checkTemplate, matchTemplate, templateTokens, tryRender } from "../../../src/policy/template.js";
import { fuzz, textOf, withLongRuns } from "./budget.js";

const PIECES = [
  ...ALL_TOKENS.map((token) => `{${token}}`),
  "{date:",
  "YYYY",
  "MM",
  "DD",
  "HH",
  "mm",
  "ss",
  "YY",
  "hh",
  "{",
  "}",
  "{{",
  "}}",
  ":",
  "-",
  ".",
  "/",
  "v",
  "rel-",
  "api-",
  " ",
  "é",
  "\u0000",
  "{shaa}",
];
const template = withLongRuns(textOf(PIECES, 12), ["{version}", "{", "x", "{app}-"]);
const name = withLongRuns(textOf(["v", "1", ".", "2", "-", "rc", "a", "0123456789abcdef", "api", "-", "/", "2024", " ", "é"], 30), ["a", "1.", "-", "v"]);

const values = fc.record(
  {
    version: fc.string({ maxLength: 20 }),
    tag: fc.string({ maxLength: 20 }),
    app: fc.string({ maxLength: 10 }),
    env: fc.string({ maxLength: 10 }),
    sha: fc.stringMatching(/^[0-9a-f]{40}$/),
    codename: fc.string({ maxLength: 10 }),
    actor: fc.string({ maxLength: 10 }),
    number: fc.oneof(fc.integer(), fc.string({ maxLength: 5 })),
    now: fc.date({ noInvalidDate: false }),
  },
  { requiredKeys: [] },
);

describe("fuzz: templates", () => {
  it("checks, lists and renders any template without throwing", () => {
    fuzz(fc.tuple(template, values), ([text, known]) => {
      const errors = checkTemplate(text);
      templateTokens(text);
      const rendered = tryRender(text, known);
      // A template the check accepts renders, or says which value it lacks.
      if (errors.length === 0 && !rendered.ok) expect(rendered.code).toBe("missing-value");
      if (errors.length > 0) expect(rendered).toMatchObject({ ok: false, code: "invalid-template" });
    });
  });

  it("matches any name against any valid template fast", () => {
    const valid = template.filter((text) => checkTemplate(text).length === 0);
    fuzz(
      fc.tuple(valid, name, fc.record({ app: fc.constantFrom("api", "web"), env: fc.constantFrom("staging") }, { requiredKeys: [] })),
      ([text, candidate, known]) => {
        matchTemplate(text, candidate, known);
      },
      {
        // Three free-text tokens and a long name that does not match: polynomial backtracking.
        examples: [
          ["{version}{actor}{version}", `${"1.".repeat(2_000)}-x`, {}],
          ["{app}{env}{tag}{actor}{title}{url}!", "a".repeat(3_000), {}],
        ],
      },
    );
  });
});
