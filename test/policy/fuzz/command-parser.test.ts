// Fuzz: the slash-command parser (src/policy/commands/parse.ts) reads any comment anyone writes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/policy/commands/parse.js";
import { COMMAND_NAMES, isError } from "../../../src/policy/commands/types.js";
import { fuzz, textOf, withLongRuns } from "./budget.js";

const known = { environments: ["staging", "production", "prod.eu-1"], apps: ["api", "frontend"] };

const PIECES = [
  ...COMMAND_NAMES.map((name) => `/${name}`),
  "/",
  " ",
  "  ",
  "\t",
  "\n",
  "\r\n",
  "\r",
  "    ",
  "```",
  "`",
  "> ",
  "<!-- ",
  " -->",
  "staging",
  "production",
  "prod.eu-1",
  "api",
  "frontend",
  "main",
  "v1.2.3",
  "1.2.3",
  "2.6.0rc1",
  "api-2024.01.01.19.52.14",
  "major",
  "minor",
  "patch",
  "rc",
  "final",
  "to",
  "for",
  "2h",
  "30m",
  "-5h",
  "99999999999999999999d",
  "1h30m",
  "--with-migrations",
  "--",
  "@org/team",
  "#12",
  "é",
  "🚀",
  "\u0000",
  "\u202e",
  "refs/heads/x",
  "a..b",
  "HEAD~1",
];

describe("fuzz: parseCommand", () => {
  it("never throws and answers each comment fast", () => {
    const comment = withLongRuns(textOf(PIECES), [" ", "a", "/deploy ", "\n", "1.", "for ", "v"]);
    fuzz(comment, (body) => {
      const result = parseCommand(body, known);
      // Every answer is data: nothing, a command, or an error sentence.
      if (result !== undefined && isError(result)) expect(result.message).toMatch(/\S/);
    });
  });

  it("never throws on unstructured text either", () => {
    fuzz(fc.string({ maxLength: 300, unit: "binary" }), (body) => {
      parseCommand(`/${body}`, known);
      parseCommand(body, known);
    });
  });
});
