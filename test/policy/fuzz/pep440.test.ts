// Fuzz: PEP 440 versions (src/policy/versions/pep440.ts) read from tags, commands and files.
import { describe, it } from "vitest";
import { pep440Scheme } from "../../../src/policy/versions/index.js";
import { fuzzScheme } from "./versions.js";

describe("fuzz: pep440", () => {
  it("reads, writes, compares and bumps any text without throwing", () => fuzzScheme(pep440Scheme));
});
