// Fuzz: semantic versions (src/policy/versions/semver.ts) read from tags, commands and files.
import { describe, it } from "vitest";
import { semverScheme } from "../../../src/policy/versions/index.js";
import { fuzzScheme } from "./versions.js";

describe("fuzz: semver", () => {
  it("reads, writes, compares and bumps any text without throwing", () => fuzzScheme(semverScheme));
});
