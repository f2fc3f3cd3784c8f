// Fuzz: the Markdown changelog parser and editor (src/policy/changelog/markdown.ts, heading.ts).
import { describe, it } from "vitest";
import { markdownChangelog } from "../../../src/policy/changelog/index.js";
import { fuzzFormat } from "./changelogs.js";

describe("fuzz: markdown changelog", () => {
  it("parses and edits any text without throwing", () => fuzzFormat(markdownChangelog));
});
