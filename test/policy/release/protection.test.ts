// Item 10 of issue #14: a release (or changelog) commit to a protected default branch is refused
// up front with one sentence naming the fix, so nothing of it is written; what the app cannot
// read of the protection is said, not guessed.
import { describe, expect, it } from "vitest";
import type { ChangelogPrFacts } from "../../../src/policy/release/changelog-pr.js";
import { planChangelogForRelease } from "../../../src/policy/release/changelog-pr.js";
import { planCutRelease } from "../../../src/policy/release/cut.js";
import { type BranchProtectionFact, directCommitRefusal, protectionBlocks, protectionUnknown } from "../../../src/policy/release/protection.js";
import { gwceleryFacts, ukrdcFacts } from "./cut-builders.js";

const open: BranchProtectionFact = { protected: false, requiredChecks: [], rules: [] };
const checks: BranchProtectionFact = { protected: true, requiredChecks: ["ci"], rules: [] };
const reviews: BranchProtectionFact = {
  protected: true,
  requiredChecks: [],
  details: { pullRequestsRequired: true, pushRestricted: false, locked: false },
  rules: [],
};
const ruleset: BranchProtectionFact = { protected: false, requiredChecks: [], rules: [{ type: "pull_request", checks: [], appMayBypass: false }] };

describe("protectionBlocks", () => {
  it("names what refuses a direct commit, and nothing for an open branch or a rule the app may bypass", () => {
    expect(protectionBlocks(open)).toEqual([]);
    expect(protectionBlocks(checks)).toEqual(["status checks required (ci)"]);
    expect(protectionBlocks(reviews)).toEqual(["pull request reviews required"]);
    expect(protectionBlocks(ruleset)).toEqual(["a ruleset requires pull requests"]);
    expect(protectionBlocks({ ...ruleset, rules: [{ type: "pull_request", checks: [], appMayBypass: true }] })).toEqual([]);
    expect(protectionBlocks({ ...reviews, details: { pullRequestsRequired: false, pushRestricted: true, locked: false } })).toEqual([
      "pushes restricted to named people and apps",
    ]);
  });

  it("calls a protected branch whose rules the app cannot read unknown, not refused", () => {
    const unreadable: BranchProtectionFact = { protected: true, requiredChecks: [], rules: [] };
    expect(protectionBlocks(unreadable)).toEqual([]);
    expect(protectionUnknown(unreadable)).toBe(true);
    expect(protectionUnknown(checks)).toBe(false);
    expect(directCommitRefusal(undefined, "main", "x", "y")).toBeUndefined();
  });
});

describe("/release on a protected default branch", () => {
  it("answers with one sentence and plans nothing else", () => {
    const { plan, outcome } = planCutRelease(gwceleryFacts({ protection: reviews }));
    expect(outcome.kind).toBe("answered");
    expect(plan.reason).toBe("gate-refused");
    expect(plan.actions.map((a) => a.kind)).toEqual(["comment"]);
    const [reply] = plan.actions;
    expect(reply?.kind === "comment" && reply.body).toBe(
      "@leo main is protected (pull request reviews required), so /release cannot commit the changelog and version files to it: cut releases without a release commit (remove changelog.file and version_files from .github/release-pilot.yml), or allow the app to bypass the rule.",
    );
  });

  it("refuses a version-file bump on required checks too", () => {
    const { plan } = planCutRelease(ukrdcFacts({ protection: checks }));
    expect(plan.actions.map((a) => a.kind)).toEqual(["comment"]);
    expect(plan.summary).toContain("master is protected (status checks required (ci))");
  });

  it("cuts as before on an unprotected branch, and says so when the rules cannot be read", () => {
    expect(planCutRelease(gwceleryFacts({ protection: open })).plan.actions.map((a) => a.kind)).toEqual(
      planCutRelease(gwceleryFacts()).plan.actions.map((a) => a.kind),
    );
    const { plan } = planCutRelease(gwceleryFacts({ protection: { protected: true, requiredChecks: [], rules: [] } }));
    expect(plan.reason).toBe("planned");
    const [reply] = plan.actions;
    expect(reply?.kind === "comment" && reply.body).toContain(
      "main is protected and the app cannot read its rules (that needs the administration: read permission)",
    );
  });
});

describe("changelog.via: commit on a protected default branch", () => {
  const facts = (protection: BranchProtectionFact | undefined, via: "commit" | "pull-request" = "commit"): ChangelogPrFacts => ({
    repo: { owner: "WordPress", repo: "openverse" },
    defaultBranch: "main",
    release: {
      id: 1,
      tag: "api-v1.2.0",
      name: "api-v1.2.0",
      body: "- A fix",
      url: "https://github.com/WordPress/openverse/releases/tag/api-v1.2.0",
      draft: false,
      prerelease: false,
    },
    apps: [
      {
        name: "api",
        tag: "api-v{version}",
        changelog: { path: "documentation/changelogs/api/{version}.md", via, branch: "changelog/{tag}", title: "Changelog for {tag}", labels: [] },
      },
    ],
    actor: "sarayourfriend",
    ...(protection === undefined ? {} : { protection }),
    releasedCommit: "c".repeat(40),
  });

  it("reports the refusal on the release's commit as a failed check run and commits nothing", () => {
    const plan = planChangelogForRelease(facts(ruleset));
    expect(plan.reason).toBe("gate-refused");
    expect(plan.actions.map((a) => a.kind)).toEqual(["check-run"]);
    const [run] = plan.actions;
    expect(run).toMatchObject({ kind: "check-run", headSha: "c".repeat(40), conclusion: "failure" });
    expect(plan.summary).toBe(
      "main is protected (a ruleset requires pull requests), so the changelog of api-v1.2.0 cannot be committed to it: set changelog.via: pull-request, or allow the app to bypass the rule.",
    );
  });

  it("commits on an open branch, and a pull request is no direct commit", () => {
    expect(planChangelogForRelease(facts(open)).actions.map((a) => a.kind)).toEqual(["commit-files"]);
    expect(planChangelogForRelease(facts(ruleset, "pull-request")).actions.map((a) => a.kind)).toEqual(["open-pull-request"]);
  });
});
