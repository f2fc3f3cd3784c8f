// Which version `/release` tags under each scheme (issue #15): an exact version as typed, or as
// the scheme's normal form says with the answer saying so; alpha, beta and rc levels in the
// spelling the project's tags already use; and a version the scheme does not read refused with
// the nearest one it does.
import { describe, expect, it } from "vitest";
import type { ReleaseCommand } from "../../../src/policy/commands/types.js";
import type { Action } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { config, ukrdcFacts } from "./cut-builders.js";

const semver = config("versioning: { scheme: semver }\n", "acme/widget");
const pep440 = config("versioning: { scheme: pep440 }\n", "acme/widget");

function cut(scheme: "semver" | "pep440", command: Omit<ReleaseCommand, "name">, tags: readonly string[]) {
  const facts = ukrdcFacts({
    config: scheme === "semver" ? semver : pep440,
    command: { name: "release", ...command },
    versionFiles: {},
    tags,
  });
  return planCutRelease(facts).plan;
}

function tagOf(actions: readonly Action[]): string | undefined {
  return actions.flatMap((a) => (a.kind === "create-tag" ? [a.tag] : []))[0];
}

function replyOf(actions: readonly Action[]): string {
  return actions.flatMap((a) => (a.kind === "comment" ? [a.body] : [])).join("\n");
}

describe("/release with an exact version", () => {
  it.each([
    ["semver", "1.3.0-rc1", "v1.3.0-rc1"],
    ["semver", "5.0.0-beta.1", "v5.0.0-beta.1"],
    ["semver", "1.0.0-alpha", "v1.0.0-alpha"],
    ["semver", "1.2.3+build.7", "v1.2.3+build.7"],
    ["pep440", "1.3.0rc1", "v1.3.0rc1"],
    ["pep440", "2024.1", "v2024.1"],
    ["pep440", "1.2.3.post1", "v1.2.3.post1"],
  ] as const)("under %s tags %s exactly as typed", (scheme, version, tag) => {
    const plan = cut(scheme, { version }, ["v0.9.0"]);
    expect(tagOf(plan.actions)).toBe(tag);
    expect(replyOf(plan.actions)).not.toContain("writes");
  });

  it.each([
    ["1.3.0-rc1", "v1.3.0rc1"],
    ["1.2.3preview1", "v1.2.3rc1"],
    ["1.0.0-alpha", "v1.0.0a0"],
  ])("under pep440 tags %s in its normal form and says so", (version, tag) => {
    const plan = cut("pep440", { version }, ["v0.9.0"]);
    expect(tagOf(plan.actions)).toBe(tag);
    expect(replyOf(plan.actions)).toContain(`(PEP 440 writes ${version} as ${tag.slice(1)}, so that is the version tagged.)`);
  });

  it.each([
    ["1.2", "1.2 is not a semver version; the nearest semver version is 1.2.0, so try /release 1.2.0."],
    ["1.3.0rc1", "1.3.0rc1 is not a semver version; the nearest semver version is 1.3.0-rc.1, so try /release 1.3.0-rc.1."],
    ["1.2.3-rc.01", "1.2.3-rc.01 is not a semver version; the nearest semver version is 1.2.3-rc.1, so try /release 1.2.3-rc.1."],
  ])("under semver refuses %s with the nearest version", (version, sentence) => {
    const plan = cut("semver", { version }, ["v0.9.0"]);
    expect(plan.reason).toBe("bad-command");
    expect(tagOf(plan.actions)).toBeUndefined();
    expect(replyOf(plan.actions)).toContain(sentence);
  });
});

describe("/release alpha, beta and rc", () => {
  it.each([
    ["semver", "rc", ["v1.2.0"], "v1.2.1-rc.1"],
    ["semver", "beta", ["v1.2.0"], "v1.2.1-beta.1"],
    ["semver", "rc", ["v1.2.0", "v1.2.0-rc2", "v1.2.0-rc1"], "v1.2.1-rc1"],
    ["semver", "rc", ["v1.3.0-rc1", "v1.2.0"], "v1.3.0-rc2"],
    ["semver", "rc", ["v1.3.0-beta.2", "v1.2.0"], "v1.3.0-rc.1"],
    ["semver", "beta", ["v1.3.0-beta.2", "v1.2.0"], "v1.3.0-beta.3"],
    ["semver", "final", ["v1.3.0-beta.2", "v1.2.0"], "v1.3.0"],
    ["pep440", "beta", ["v24.1"], "v24.1.1b1"],
    ["pep440", "alpha", ["v2.0.0"], "v2.0.1a1"],
    ["pep440", "rc", ["v2.0.1b3", "v2.0.0"], "v2.0.1rc1"],
  ] as const)("under %s, %s after %j tags %s", (scheme, level, tags, tag) => {
    const plan = cut(scheme, { level }, tags);
    expect(replyOf(plan.actions)).not.toMatch(/refuse|not /);
    expect(tagOf(plan.actions)).toBe(tag);
  });

  it("refuses a version below the newest pre-release of the line", () => {
    const plan = cut("semver", { version: "1.0.0-alpha" }, ["v1.0.0-alpha.0"]);
    expect(tagOf(plan.actions)).toBeUndefined();
    expect(replyOf(plan.actions)).toContain("1.0.0-alpha is older than 1.0.0-alpha.0");
  });

  it("refuses an earlier stage than the current pre-release", () => {
    const plan = cut("semver", { level: "beta" }, ["v1.3.0-rc.1", "v1.2.0"]);
    expect(tagOf(plan.actions)).toBeUndefined();
    expect(replyOf(plan.actions)).toContain("1.3.0-rc.1 is already past beta (it is a release candidate), so ask for rc or final instead.");
  });

  it("refuses the candidate node-semver would put before the last one", () => {
    const plan = cut("semver", { level: "rc" }, ["v1.3.0-rc9", "v1.2.0"]);
    expect(tagOf(plan.actions)).toBeUndefined();
    expect(replyOf(plan.actions)).toContain("1.3.0-rc10 would sort before or equal to 1.3.0-rc9 under semver ordering");
  });
});
