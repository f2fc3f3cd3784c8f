// Who may deploy where and what /deploy on a pull request deploys, as decisions driven by hand:
// team membership is a question asked only when a login did not already answer it.
import { describe, expect, it } from "vitest";
import type { Question } from "../../../src/policy/ask.js";
import { parseConfig, type EnvironmentConfig } from "../../../src/policy/config/index.js";
import { countedApprovals, deployerRefusal, manualTimeGate } from "../../../src/policy/deploy/deploy-rules.js";
import { decidePullHead, type PullHeadFact } from "../../../src/policy/deploy/pull-head.js";
import { drive } from "./drive.js";

function env(rules: Record<string, unknown>): EnvironmentConfig {
  const parsed = parseConfig({ environments: { production: { deploy: { workflow: "deploy.yml" }, ...rules } } }, { repo: "acme/shop" });
  if (!parsed.ok) throw new Error(parsed.errors.map((error) => `${error.path}: ${error.message}`).join("; "));
  return parsed.config.environments[0]!;
}

/** Answers team questions from a table, and records what was asked. */
const teams =
  (members: Record<string, readonly string[]>, permission = "write") =>
  (question: Question): unknown => {
    if (question.kind === "teamMember") return (members[question.team] ?? []).includes(question.login);
    if (question.kind === "permission") return permission;
    throw new Error(`unexpected question ${question.kind}`);
  };

describe("deployers", () => {
  const production = env({ deployers: ["alice", "acme/release-managers"] });

  it("lets a listed login deploy without asking GitHub anything", () => {
    const { asked, result } = drive(deployerRefusal(production, "Alice"), teams({}));
    expect(result).toBeUndefined();
    expect(asked).toEqual([]);
  });

  it("asks the team for anyone else, and refuses a non-member naming who may", () => {
    const member = drive(deployerRefusal(production, "bob"), teams({ "acme/release-managers": ["bob"] }));
    expect(member.result).toBeUndefined();
    expect(member.asked).toEqual([{ kind: "teamMember", team: "acme/release-managers", login: "bob" }]);
    const outsider = drive(deployerRefusal(production, "mallory"), teams({ "acme/release-managers": ["bob"] }));
    expect(outsider.result).toBe(
      "mallory may not deploy to production; its deployers are alice, acme/release-managers: ask one of them to deploy it (or to add you to environments.production.deployers).",
    );
  });

  it("lets anyone with the commands permission deploy where no deployers are listed", () => {
    expect(drive(deployerRefusal(env({}), "anyone"), teams({})).result).toBeUndefined();
  });
});

describe("approvers", () => {
  const approvals = [
    { login: "bob", permission: "write", at: "2026-12-03T10:00:00Z" },
    { login: "carol", permission: "write", at: "2026-12-03T10:01:00Z" },
    { login: "bob", permission: "write", at: "2026-12-03T10:02:00Z", review: { commit: "a", head: "a" } },
  ];

  it("counts only the approvers' approvals, asking each person's team once", () => {
    const { asked, result } = drive(countedApprovals(env({ approvers: ["acme/sre"] }), approvals), teams({ "acme/sre": ["carol"] }));
    expect(result.map((approval) => approval.login)).toEqual(["carol"]);
    expect(asked.map((question) => (question.kind === "teamMember" ? question.login : question.kind))).toEqual(["bob", "carol"]);
  });

  it("counts every approval where the environment names no approvers", () => {
    expect(drive(countedApprovals(env({}), approvals), teams({})).result).toHaveLength(3);
  });
});

describe("--force past a freeze", () => {
  const frozen = env({ freeze: [{ from: "2026-12-01", to: "2026-12-31", reason: "audit" }] });
  const now = "2026-12-03T12:00:00Z";

  it("is for a repository admin when no override list is given", () => {
    expect(drive(manualTimeGate(frozen, "bob", now, true, "/deploy production"), teams({}, "write")).result).toEqual({
      refusal:
        "production is frozen until 2026-12-31 00:00 UTC (audit), and only a repository admin may force a deploy past that; ask them to type /deploy production --force.",
    });
    expect(drive(manualTimeGate(frozen, "root", now, true, "/deploy production"), teams({}, "admin")).result).toEqual({
      warnings: ["Forced by @root: production is frozen until 2026-12-31 00:00 UTC (audit)."],
    });
  });

  it("is not needed, and asks nothing, outside the freeze", () => {
    const { asked, result } = drive(manualTimeGate(frozen, "bob", "2027-01-02T00:00:00Z", true, "/deploy production"), teams({}));
    expect(result).toEqual({ warnings: [] });
    expect(asked).toEqual([]);
  });
});

describe("/deploy on a pull request", () => {
  const staging = env({});
  const pull: PullHeadFact = {
    number: 12,
    open: true,
    headSha: "b".repeat(40),
    headRef: "feature/login",
    headRepo: "acme/shop",
    baseRepo: "acme/shop",
    baseRef: "main",
    behindBy: 0,
  };

  it("deploys the head with its branch and number, warning only when behind", () => {
    expect(decidePullHead(staging, pull, 12, "main")).toEqual({
      sha: "b".repeat(40),
      source: { ref: "feature/login", branch: "feature/login", pr: 12 },
      warnings: [],
    });
    const behind = decidePullHead(staging, { ...pull, behindBy: 3 }, 12, "main");
    expect("warnings" in behind && behind.warnings).toEqual([
      "#12 is 3 commits behind main: the deploy of its head `bbbbbbb` lacks them; update the branch to deploy what merging would ship.",
    ]);
  });

  it("refuses a fork's head (or a deleted fork's) unless allow_forks, and leaves a closed one to the usual source", () => {
    const fork = { ...pull, headRepo: "Mallory/shop" };
    expect(decidePullHead(staging, fork, 12, "main")).toEqual({
      answer:
        "#12 comes from the fork Mallory/shop, and production does not deploy forks' code, which nobody with write access has vetted; deploy a branch of this repository instead, e.g. /deploy production main, or set environments.production.allow_forks: true.",
    });
    expect(decidePullHead(staging, { ...pull, headRepo: null }, 12, "main")).toMatchObject({ answer: expect.stringContaining("a deleted fork") });
    expect(decidePullHead(env({ allow_forks: true }), fork, 12, "main")).toMatchObject({ sha: "b".repeat(40) });
    expect(decidePullHead(staging, { ...pull, open: false }, 12, "main")).toEqual({ notOpen: true });
  });
});
