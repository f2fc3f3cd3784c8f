// Fuzz: the reStructuredText changelog parser and editor (src/policy/changelog/rst.ts, heading.ts).
import { describe, it } from "vitest";
import { rstChangelog } from "../../../src/policy/changelog/index.js";
import { fuzzFormat } from "./changelogs.js";

describe("fuzz: rst changelog", () => {
  it("parses and edits any text without throwing", () => fuzzFormat(rstChangelog));
});
