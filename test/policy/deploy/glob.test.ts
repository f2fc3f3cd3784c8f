// The app-paths glob matcher: linear whatever the glob (item 8 of #12), the same answers as the
// RegExp matcher it replaced on every glob that one understood, and picomatch's reading of
// classes and braces.
import fc from "fast-check";
import { fuzz } from "../fuzz/budget.js";
import { describe, expect, it } from "vitest";
import { expandBraces, globProblem, MAX_GLOB_ALTERNATIVES } from "../../../src/policy/deploy/glob.js";
import { matchesGlob, touchesPaths } from "../../../src/policy/deploy/paths.js";

/** The matcher this one replaced (src/policy/deploy/paths.ts before #12), as the reference. */
function oldMatch(path: string, glob: string): boolean {
  const g = glob.replace(/^\.?\//, "");
  let source = "";
  for (let i = 0; i < g.length; i++) {
    const char = g[i] ?? "";
    if (char === "*" && g[i + 1] === "*") {
      const slashAfter = g[i + 2] === "/";
      source += slashAfter ? "(?:.*/)?" : ".*";
      i += slashAfter ? 2 : 1;
    } else if (char === "*") source += "[^/]*";
    else if (char === "?") source += "[^/]";
    else source += char.replace(/[.+^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`^${source.replace(/\/\.\*$/, "(?:/.*)?")}$`).test(path.replace(/^\.?\//, ""));
}

describe("matchesGlob", () => {
  it("answers a glob that made the old matcher backtrack for seconds, at once", () => {
    const started = performance.now();
    expect(matchesGlob("a".repeat(40), "*a*a*a*a*a*a*a*a*a*a!")).toBe(false);
    expect(matchesGlob(`${"a/".repeat(2_000)}b`, "**/**/**/**/**/**/**/**/c")).toBe(false);
    expect(matchesGlob("a".repeat(10_000), "*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a!")).toBe(false);
    expect(matchesGlob(`${"a".repeat(10_000)}!`, "*a*a*a*a*a*a*a*a*a*a!")).toBe(true);
    // The old matcher took over 20 s on the first line alone; a second is room for a slow machine.
    expect(performance.now() - started).toBeLessThan(1_000);
  }, 60_000);

  it.each([
    ["api", "api/**", true],
    ["api/src/views.py", "api/**", true],
    ["apix/a", "api/**", false],
    ["a/b/c.py", "**/*.py", true],
    ["c.py", "**/*.py", true],
    ["packages/x.json", "packages/*.json", true],
    ["packages/deep/x.json", "packages/*.json", false],
    ["docs/a.md", "**.md", true],
    ["./api/x", "/api/**", true],
    ["a/b", "a?b", false],
    ["axb", "a?b", true],
    ["x", "**", true],
    ["a/b/c", "a/**/c", true],
    ["a/c", "a/**/c", true],
  ])("%s against %s is %s, as before", (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
    expect(oldMatch(path, glob)).toBe(expected);
  });

  it("agrees with the old matcher on random globs without classes or braces", () => {
    const glob = fc.stringMatching(/^[ab/.*?]{0,10}$/);
    const path = fc.stringMatching(/^[ab/.\n]{0,12}$/);
    fc.assert(
      fc.property(path, glob, (p, g) => matchesGlob(p, g) === oldMatch(p, g)),
      { numRuns: 20_000 },
    );
  });

  it.each([
    ["src/a.ts", "src/*.{ts,js}", true],
    ["src/a.js", "src/*.{ts,js}", true],
    ["src/a.py", "src/*.{ts,js}", false],
    ["web/x", "{api,web}/**", true],
    ["lib/x", "{api,web}/**", false],
    ["a/b/c", "a/{b/{c,d},e}", true],
    ["a/{b}", "a/{b}", true],
    ["v1", "v[0-9]", true],
    ["vx", "v[0-9]", false],
    ["vx", "v[!0-9]", true],
    ["v/", "v[!0-9]", false],
    ["a]", "a[]]", true],
    ["a[", "a[", true],
  ])("%s against %s is %s, as picomatch reads classes and braces", (path, glob, expected) => {
    expect(matchesGlob(path, glob)).toBe(expected);
  });

  it("never throws and stays fast on any glob the config check accepts (fuzz)", () => {
    const glob = fc.stringMatching(/^[ab/*?[\]{},!.-]{0,64}$/).filter((g) => globProblem(g) === undefined);
    const path = fc.stringMatching(/^[ab/.!-]{0,1024}$/);
    // CPU time per case, the cheapest of three (budget.ts): wall time on a shared machine is noise.
    fuzz(fc.tuple(path, glob), ([p, g]) => void matchesGlob(p, g), { runs: 3_000 });
  });

  it("matches nothing with a glob the config check refuses", () => {
    expect(matchesGlob("a", `{${"a,".repeat(100)}a}`)).toBe(false);
    expect(matchesGlob("a".repeat(300), "a".repeat(300))).toBe(false);
  });

  it("touchesPaths is any file against any glob", () => {
    expect(touchesPaths(["README.md", "api/x.py"], ["frontend/**", "api/**"])).toBe(true);
    expect(touchesPaths(["README.md"], ["frontend/**", "api/**"])).toBe(false);
  });
});

describe("expandBraces", () => {
  it("expands nested groups in order and stops past the bound", () => {
    expect(expandBraces("a{b,c{d,e}}f")).toEqual(["abf", "acdf", "acef"]);
    expect(expandBraces("{a,b}{c,d}")).toEqual(["ac", "ad", "bc", "bd"]);
    expect(expandBraces("{x}")).toEqual(["{x}"]);
    expect(expandBraces("{a,b".repeat(3))).toEqual(["{a,b".repeat(3)]);
    expect(expandBraces("{a,b}".repeat(5))).toHaveLength(32);
    expect(expandBraces("{a,b}".repeat(6))).toBeUndefined();
  });
});

describe("globProblem", () => {
  it("names a glob too long or expanding too far, in one sentence", () => {
    expect(globProblem("api/**")).toBeUndefined();
    expect(globProblem("a".repeat(257))).toBe("a glob has at most 256 characters; this one has 257");
    expect(globProblem("{a,b}".repeat(6))).toBe(
      `a glob expands to at most ${MAX_GLOB_ALTERNATIVES} alternatives; use fewer {a,b} groups or list the globs one by one`,
    );
    expect(globProblem("*a".repeat(16))).toBeUndefined();
    expect(globProblem(`${"*a".repeat(16)}/**`)).toBe("a glob has at most 16 * or ** wildcards; this one has 17");
    expect(globProblem("{*,**}/***/x")).toBeUndefined();
  });
});
