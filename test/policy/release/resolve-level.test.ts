// The next level from merged PRs (issue #15 item 10): release-drafter's version-resolver labels,
// Conventional Commit titles, and a bare /release that cuts it and says why.
import { describe, expect, it } from "vitest";
import type { Action } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { conventionalLevel, resolveLevel } from "../../../src/policy/release/resolve-level.js";
import { resolveReadsOf } from "../../../src/policy/release/resolve-cut.js";
import { config, ukrdcFacts } from "./cut-builders.js";

const labels = config("versioning:\n  resolve:\n    from: labels\n", "acme/widget");
const conventional = config("versioning:\n  resolve: { from: conventional-commits }\n", "acme/widget");

const pull = (number: number, title: string, labelNames: readonly string[] = [], mergedAt: string | null = "2024-12-02T10:00:00Z") => ({
  number,
  title,
  labels: labelNames,
  mergedAt,
});

describe("Conventional Commit titles", () => {
  it.each([
    ["feat: add login", "minor"],
    ["feat(api): add login", "minor"],
    ["FEAT: shouting", "minor"],
    ["fix: crash", "patch"],
    ["docs: typo", "patch"],
    ["feat!: drop Python 3.8", "major"],
    ["fix(core)!: new wire format", "major"],
  ])("%s is a %s", (title, level) => {
    expect(conventionalLevel(title)?.level).toBe(level);
  });

  it.each(["Add login", "feat:no space", "feat add", "(feat): x", "feat((x)): y", ""])("%j names no level", (title) => {
    expect(conventionalLevel(title)).toBeUndefined();
  });

  it("reads a long hostile title in linear time", () => {
    const title = `feat(${"(".repeat(50_000)}`;
    const start = performance.now();
    expect(conventionalLevel(title)).toBeUndefined();
    expect(performance.now() - start).toBeLessThan(100);
  });
});

describe("resolveLevel", () => {
  const resolve = labels.versioning.resolve;
  if (resolve === undefined) throw new Error("resolve was not normalised");

  it("takes the highest level any merged PR's labels name", () => {
    const got = resolveLevel(resolve, [pull(1, "a", ["bug"]), pull(2, "b", ["enhancement"]), pull(3, "c", [])]);
    expect(got).toEqual({ level: "minor", by: { number: 2, said: "label enhancement" }, pulls: 3 });
  });

  it("is a patch when no PR names a level, and says no PR did", () => {
    expect(resolveLevel(resolve, [pull(1, "feat!: looks major but labels decide")])).toEqual({ level: "patch", pulls: 1 });
  });

  it("uses the configured lists, not the defaults", () => {
    const custom = config("versioning:\n  resolve:\n    from: labels\n    labels: { major: [semver-major] }\n", "acme/widget").versioning.resolve;
    if (custom === undefined) throw new Error("resolve was not normalised");
    expect(resolveLevel(custom, [pull(1, "a", ["major"])]).level).toBe("patch");
    expect(resolveLevel(custom, [pull(1, "a", ["semver-major"])]).level).toBe("major");
  });
});

function replyOf(actions: readonly Action[]): string {
  return actions.flatMap((a) => (a.kind === "comment" ? [a.body] : [])).join("\n");
}
function tagOf(actions: readonly Action[]): string | undefined {
  return actions.flatMap((a) => (a.kind === "create-tag" ? [a.tag] : []))[0];
}

describe("a bare /release under versioning.resolve", () => {
  const base = { command: { name: "release" as const }, versionFiles: {}, tags: ["v1.2.3"] };

  it("cuts the resolved minor and says which PR made it so", () => {
    const facts = ukrdcFacts({
      ...base,
      config: conventional,
      merged: {
        since: "2024-12-01T00:00:00Z",
        sinceTag: "v1.2.3",
        pulls: [pull(5, "fix: x"), pull(6, "feat(ui): y"), pull(4, "feat!: old", [], "2024-11-30T00:00:00Z")],
      },
    });
    const { actions } = planCutRelease(facts).plan;
    expect(tagOf(actions)).toBe("v1.3.0");
    expect(replyOf(actions)).toContain("(Resolved minor: #6 (feat(ui):) among 2 pull requests merged since v1.2.3.)");
  });

  it("cuts a major for a breaking title", () => {
    const facts = ukrdcFacts({ ...base, config: conventional, merged: { since: null, pulls: [pull(9, "refactor!: drop the v1 API")] } });
    expect(tagOf(planCutRelease(facts).plan.actions)).toBe("v2.0.0");
  });

  it("cuts a patch when nothing was merged, and says so", () => {
    const facts = ukrdcFacts({ ...base, config: labels, merged: { since: "2024-12-01T00:00:00Z", sinceTag: "v1.2.3", pulls: [] } });
    const { actions } = planCutRelease(facts).plan;
    expect(tagOf(actions)).toBe("v1.2.4");
    expect(replyOf(actions)).toContain("(Resolved patch: no pull requests merged since v1.2.3.)");
  });

  it("keeps a typed level over the resolved one", () => {
    const facts = ukrdcFacts({
      ...base,
      config: conventional,
      command: { name: "release", level: "patch" },
      merged: { since: null, pulls: [pull(6, "feat: y")] },
    });
    expect(tagOf(planCutRelease(facts).plan.actions)).toBe("v1.2.4");
  });

  it("makes a mention in a label inert in the reply", () => {
    const custom = config("versioning:\n  resolve:\n    from: labels\n    labels: { minor: ['@org/team'] }\n", "acme/widget");
    const facts = ukrdcFacts({ ...base, config: custom, merged: { since: null, pulls: [pull(6, "y", ["@org/team"])] } });
    expect(replyOf(planCutRelease(facts).plan.actions)).not.toMatch(/@org/);
  });
});

describe("which PRs a bare /release reads", () => {
  const release = (tag: string, publishedAt: string | null, body = "", more: Partial<{ draft: boolean; prerelease: boolean }> = {}) => ({
    tag,
    body,
    draft: false,
    prerelease: false,
    publishedAt,
    ...more,
  });
  const app = conventional.apps[0];
  if (app === undefined) throw new Error("no app");
  const input = { config: conventional, app, command: {}, issueBody: "", commentId: 42 };

  it("reads back to the app's newest published release, passing over drafts, candidates and the one this comment cut", () => {
    const releases = [
      release("v1.3.0", "2024-12-03T00:00:00Z", "notes\n<!-- release-pilot:release comment=42 -->"),
      release("v1.2.3", "2024-12-01T00:00:00Z"),
      release("v1.2.4rc1", "2024-12-02T00:00:00Z", "", { prerelease: true }),
      release("v9.9.9", null, "", { draft: true }),
      release("v1.2.2", "2024-11-01T00:00:00Z"),
    ];
    expect(resolveReadsOf({ ...input, releases })).toEqual({ since: "2024-12-01T00:00:00Z", sinceTag: "v1.2.3" });
  });

  it("reads nothing when a level or version is typed, or without resolve", () => {
    expect(resolveReadsOf({ ...input, command: { level: "minor" }, releases: [] })).toBeUndefined();
    expect(resolveReadsOf({ ...input, command: { version: "2.0.0" }, releases: [] })).toBeUndefined();
    expect(resolveReadsOf({ ...input, config: config("{}\n", "acme/widget"), releases: [] })).toBeUndefined();
  });
});
