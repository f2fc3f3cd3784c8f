// Fuzz: calendar versions (src/policy/versions/calver.ts): the format comes from the config, the
// versions from tags and commands.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/policy/config/index.js";
import { calverScheme } from "../../../src/policy/versions/index.js";
import { fuzz, textOf } from "./budget.js";
import { fuzzScheme, versionText } from "./versions.js";

const FORMAT_PIECES = ["YYYY", "MM", "DD", "HH", "mm", "ss", "MICRO", "N", ".", "-", "_", "+", "/", "*", "(", "[", "\\", "$", "^", "?", "YY", "Y", "é", " "];
const format = textOf(FORMAT_PIECES, 10);

describe("fuzz: calver", () => {
  it("reads, writes, compares and bumps any text in Openverse's format without throwing", () => {
    fuzzScheme(
      calverScheme("YYYY.MM.DD.HH.mm.ss"),
      fc.oneof(
        versionText,
        fc.date({ noInvalidDate: true }).map((d) => d.toISOString().replace(/[-T:]/g, ".").slice(0, 19)),
      ),
    );
  });

  it("reads, writes, compares and bumps any text in a counter format without throwing", () => {
    fuzzScheme(
      calverScheme("YY.MM.N"),
      fc.oneof(
        versionText,
        fc.tuple(fc.nat(200), fc.nat(13), fc.nat(30)).map(([y, m, n]) => `${y}.${m}.${n}`),
      ),
    );
  });

  it("builds a scheme for every format the config accepts, and reads any text with it", () => {
    fuzz(fc.tuple(format, versionText), ([text, version]) => {
      const checked = parseConfig({ versioning: { scheme: "calver", calver: text } }, { repo: "o/r" });
      if (!checked.ok) return;
      const scheme = calverScheme(text);
      const parsed = scheme.parse(version);
      if (parsed !== undefined) expect(scheme.parse(scheme.format(parsed))).toBeDefined();
      if (parsed !== undefined) scheme.next(parsed, "patch", { now: new Date(0) });
    });
  });
});
