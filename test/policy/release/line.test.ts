import { describe, expect, it } from "vitest";
import type { Action, CommitFiles, CreateRelease, CreateTag } from "../../../src/policy/plan.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { candidateLine, isHighestRelease, olderLineRelease, seriesOfBranch, tagsOfSeries } from "../../../src/policy/release/line.js";
import { schemeOf } from "../../../src/policy/release/cut-version.js";
import { lineNotesSince } from "../../../src/policy/release/line-notes.js";
import type { CutReleaseFacts } from "../../../src/policy/release/cut-facts.js";
import { checklistBody, config } from "./cut-builders.js";

const LINES = `
versioning: { scheme: semver }
tag: "v{version}"
release_branch: "release-{version}"
changelog: { file: CHANGELOG.md, via: commit }
`;
const linesConfig = config(LINES, "acme/widget");
const app = linesConfig.apps[0]!;
const scheme = schemeOf(linesConfig);
const TAGS = ["v1.4.0", "v1.4.1", "v1.5.0", "v2.0.0", "v2.0.0-rc.1"];
const CHANGELOG = "# Changelog\n\n## 1.4.2 (unreleased)\n\n- Fix the timeout\n\n## 1.4.1 (2024-10-01)\n\n- Fix the retry\n";

function only<K extends Action["kind"]>(actions: readonly Action[], kind: K): Extract<Action, { kind: K }>[] {
  return actions.filter((a): a is Extract<Action, { kind: K }> => a.kind === kind);
}

function lineFacts(overrides: Partial<CutReleaseFacts> = {}): CutReleaseFacts {
  return {
    repo: { owner: "acme", repo: "widget" },
    repoUrl: "https://github.com/acme/widget",
    config: linesConfig,
    command: { name: "release" },
    commentId: 5,
    author: "ana",
    issue: { number: 40, title: "Release version 1.4.2", body: checklistBody("1.4.2", true), labels: ["release"] },
    defaultBranch: "main",
    line: { branch: "release-1.4", series: "1.4" },
    headSha: "c".repeat(40),
    now: "2024-12-03T15:04:05.000Z",
    changelog: CHANGELOG,
    versionFiles: {},
    tags: TAGS,
    releases: [],
    ...overrides,
  };
}

describe("the line a /release belongs to", () => {
  it.each([
    ["a checklist of 1.4.2", { name: "release" } as const, checklistBody("1.4.2", true), { branch: "release-1.4", series: "1.4" }],
    ["an exact version", { name: "release", version: "1.4.2" } as const, "", { branch: "release-1.4", series: "1.4" }],
    ["a level outside a checklist (the default branch)", { name: "release", level: "patch" } as const, "", undefined],
  ])("is found from %s", (_name, command, body, expected) => {
    expect(candidateLine({ config: linesConfig, command, issue: { body } })).toEqual(expected);
  });

  it("is never a branch when only the checklist names release branches (releases stay on the default branch)", () => {
    const checklistOnly = config('checklist: { template: t.md, release_branch: "release/v{version}" }', "acme/widget");
    expect(candidateLine({ config: checklistOnly, command: { name: "release", version: "1.4.2" }, issue: { body: "" } })).toBeUndefined();
  });

  it.each([
    ["{version}.x", "8.3.x", "8.3"],
    ["release-{version}", "release-1.4", "1.4"],
    ["release/v{version}", "release/v2.6", "2.6"],
  ])("reads the series of a %s branch", (template, branch, series) => {
    expect(seriesOfBranch(config(`release_branch: "${template}"`, "acme/widget"), branch)).toBe(series);
  });

  it("keeps only the tags of the series", () => {
    expect(tagsOfSeries(TAGS, app, scheme, "1.4")).toEqual(["v1.4.0", "v1.4.1"]);
  });

  it.each([
    ["1.4.2", false],
    ["2.0.1", true],
    ["2.0.0", true],
  ])("calls %s the highest release: %s", (version, highest) => {
    expect(isHighestRelease(TAGS, app, scheme, version)).toBe(highest);
  });
});

describe("planCutRelease on a maintenance line", () => {
  const { actions, reason } = planCutRelease(lineFacts()).plan;

  it("takes the version before it from the line's tags: a patch after v1.4.1 is 1.4.2, not 2.0.1", () => {
    const patch = planCutRelease(lineFacts({ command: { name: "release", level: "patch" }, issue: { number: 41, title: "Patch", body: "", labels: [] } }));
    expect(only(patch.plan.actions, "create-tag")[0]?.tag).toBe("v1.4.2");
  });

  it("tags the line's release commit for the checklist's version", () => {
    expect(reason).toBe("planned");
    expect(only(actions, "create-tag")[0]).toMatchObject({ tag: "v1.4.2", commit: { fromAction: "release:v1.4.2:commit" } } satisfies Partial<CreateTag>);
  });

  it("commits the changelog and goes back to development on the line's branch, from its head", () => {
    const commits = only(actions, "commit-files") as CommitFiles[];
    expect(commits.map((c) => [c.key, c.branch])).toEqual([
      ["release:v1.4.2:commit", "release-1.4"],
      ["release:v1.4.2:back-to-development", "release-1.4"],
    ]);
    expect(commits[0]?.parent).toBe("c".repeat(40));
    expect(commits[0]?.files[0]?.content).toContain("## 1.4.2 (2024-12-03)");
  });

  it("publishes a release GitHub does not show as the latest, since 2.0.0 is higher", () => {
    expect(only(actions, "create-release")[0]).toMatchObject({ tag: "v1.4.2", makeLatest: false } satisfies Partial<CreateRelease>);
  });

  it("lets a minor on the default branch stay the latest", () => {
    const { line: _line, ...noLine } = lineFacts();
    const onMain = planCutRelease({
      ...noLine,
      command: { name: "release", level: "minor" },
      issue: { number: 41, title: "Minor", body: "", labels: [] },
      changelog: "# Changelog\n\n## 2.1.0 (unreleased)\n\n- Add the API\n",
    });
    const release = only(onMain.plan.actions, "create-release")[0];
    expect(release?.tag).toBe("v2.1.0");
    expect(release?.makeLatest).toBeUndefined();
  });

  it("refuses a version the line already passed, naming the line's newest release", () => {
    const refused = planCutRelease(lineFacts({ command: { name: "release", version: "1.4.0" }, issue: { number: 42, title: "x", body: "", labels: [] } }));
    expect(refused.plan.reason).toBe("gate-refused");
    expect(only(refused.plan.actions, "comment")[0]?.body).toContain("1.4.0 is older than 1.4.1, the newest release of widget (tag v1.4.1)");
  });

  it("refuses a direct commit to a protected line branch by naming that branch", () => {
    const refused = planCutRelease(
      lineFacts({
        protection: { protected: true, requiredChecks: [], rules: [], details: { pullRequestsRequired: true, pushRestricted: false, locked: false } },
      }),
    );
    expect(refused.plan.reason).toBe("gate-refused");
    expect(only(refused.plan.actions, "comment")[0]?.body).toContain("release-1.4");
  });
});

describe("what follows releases moves forward only", () => {
  it("does not deploy a patch of an older line published after a newer one", () => {
    expect(olderLineRelease(linesConfig, "v1.4.2", [...TAGS, "v1.4.2"])).toBe(
      "v1.4.2 is a release of an older line than v2.0.0, so the environments that follow releases (and their pointer tags) stay where they are; deploy it by hand with /deploy if you mean to.",
    );
  });

  it.each([["v2.0.1"], ["v2.1.0"]])("deploys %s, the newest release", (tag) => {
    expect(olderLineRelease(linesConfig, tag, [...TAGS, tag])).toBeUndefined();
  });

  it("leaves repositories without release lines as they were", () => {
    expect(olderLineRelease(config('tag: "v{version}"', "acme/widget"), "v1.4.2", [...TAGS, "v1.4.2"])).toBeUndefined();
  });
});

describe("the notes of a line's release without a changelog", () => {
  const noChangelog = config('tag: "v{version}"\nrelease_branch: "release-{version}"\nnotes: {}', "acme/widget");
  const pr = (number: number, title: string, mergedAt: string) => ({
    number,
    title,
    url: `https://github.com/acme/widget/pull/${number}`,
    author: "ana",
    labels: [],
    mergedAt,
    mergeCommitSha: null,
    updatedAt: mergedAt,
  });

  it("lists the pull requests merged into the branch since the line's previous release", () => {
    const releases = [
      { tag: "v1.4.1", draft: false, publishedAt: "2024-10-01T00:00:00Z" },
      { tag: "v2.0.0", draft: false, publishedAt: "2024-11-01T00:00:00Z" },
    ];
    const since = lineNotesSince(noChangelog, noChangelog.apps[0]!, { branch: "release-1.4", series: "1.4" }, releases);
    expect(since).toBe("2024-10-01T00:00:00Z");
    const decided = planCutRelease(
      lineFacts({
        config: noChangelog,
        changelog: undefined,
        command: { name: "release", version: "1.4.2" },
        issue: { number: 43, title: "x", body: "", labels: [] },
        linePulls: [pr(7, "Fix the timeout", "2024-10-05T00:00:00Z"), pr(3, "Shipped in 1.4.1", "2024-09-20T00:00:00Z")],
        lineSince: since,
      }),
    );
    const body = only(decided.plan.actions, "create-release")[0]?.body ?? "";
    expect(body).toContain("Fix the timeout ([#7](https://github.com/acme/widget/pull/7)) by @ana");
    expect(body).not.toContain("Shipped in 1.4.1");
  });
});
