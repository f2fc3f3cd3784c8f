// `release-pilot plan` plans issue #17's additions from a facts file as the bot decides them:
// /deploy on a pull request (its head, a fork refused), --dry-run, a freeze and --force, deployers
// by team, and the window-open timer of a held push deploy.
import { describe, expect, it } from "vitest";
import { actionsOf, payloadFor, planOn } from "./plan-run.js";

const CONFIG = "../test/cli/fixtures/teams-deploys";
const HEAD = "b".repeat(40);
const MAIN = "a".repeat(40);
// A Thursday in December, inside London's window, outside the freeze.
const NOW = "2024-12-12T12:00:00Z";

function comment(body: string, sender: string, issue: Record<string, unknown> = {}) {
  return payloadFor(
    "issue_comment",
    "created",
    "acme",
    "shop",
    "main",
    { comment: { id: 42, body, user: { login: sender, type: "User" } }, issue: { number: 7, title: "Ship", body: "", labels: [], ...issue } },
    sender,
  );
}

const onPull = { pull_request: { url: "https://api.github.com/repos/acme/shop/pulls/7" } };

describe("plan /deploy on a pull request", () => {
  it("deploys the head given as `pull`, with {branch} and {pr}", async () => {
    const run = await planOn(CONFIG, "issue_comment", comment("/deploy preview", "bob", onPull), {
      now: NOW,
      pull: { headSha: HEAD, headRef: "feature/login", behindBy: 2 },
    });
    const actions = actionsOf(run, "/deploy");
    expect(actions.find((action) => action.kind === "dispatch-workflow")).toMatchObject({ inputs: { sha: HEAD, branch: "feature/login", pr: "7" } });
    expect(actions.find((action) => action.kind === "comment")).toMatchObject({ body: expect.stringContaining("#7 is 2 commits behind main") });
  });

  it("refuses a fork's head", async () => {
    const run = await planOn(CONFIG, "issue_comment", comment("/deploy preview", "bob", onPull), {
      now: NOW,
      pull: { headSha: HEAD, headRef: "patch-1", headRepo: "mallory/shop" },
    });
    expect(actionsOf(run, "/deploy")).toMatchObject([{ kind: "comment", body: expect.stringContaining("comes from the fork mallory/shop") }]);
  });

  it("answers a dry run with the plan and plans no other write", async () => {
    const run = await planOn(CONFIG, "issue_comment", comment("/deploy preview --dry-run", "bob", onPull), {
      now: NOW,
      pull: { headSha: HEAD, headRef: "feature/login" },
    });
    const actions = actionsOf(run, "/deploy");
    expect(actions.map((action) => action.kind)).toEqual(["comment"]);
    expect(actions[0]).toMatchObject({ body: expect.stringContaining("🧪 Dry run of `/deploy preview --dry-run`: nothing was written.") });
  });
});

describe("plan who may deploy, and when", () => {
  const facts = { now: "2024-12-23T12:00:00Z", refs: { main: MAIN }, teams: { "acme/release-managers": ["alice", "carol"], "acme/sre": ["carol"] } };

  it("refuses someone outside the deployers' team, naming it", async () => {
    const run = await planOn(CONFIG, "issue_comment", comment("/deploy production", "bob"), facts);
    expect(actionsOf(run, "/deploy")).toMatchObject([{ kind: "comment", body: expect.stringContaining("its deployers are acme/release-managers") }]);
  });

  it("refuses a deployer during the freeze, and deploys when an override holder forces it", async () => {
    const refused = await planOn(CONFIG, "issue_comment", comment("/deploy production --force", "alice"), facts);
    expect(actionsOf(refused, "/deploy")).toMatchObject([{ kind: "comment", body: expect.stringContaining("only one of acme/sre may force") }]);
    const forced = await planOn(CONFIG, "issue_comment", comment("/deploy production --force", "carol"), facts);
    expect(actionsOf(forced, "/deploy").map((action) => action.kind)).toEqual(["create-deployment", "dispatch-workflow", "comment"]);
  });

  it("plans the window-open timer of a held push deploy: the deploy, as the pusher", async () => {
    const timer = {
      v: 1,
      kind: "window-open",
      installationId: 1,
      repo: { owner: "acme", repo: "shop" },
      environment: "staging",
      sha: MAIN,
      pusher: "alice",
      opensAt: "2024-12-16T09:30:00.000Z",
    };
    const run = await planOn(CONFIG, "timer", timer, { now: "2024-12-16T09:30:00Z", refs: { main: MAIN }, permission: "write", deployments: {} });
    const actions = run.report?.parts.flatMap((part) => ("plan" in part ? [...part.plan.actions] : [])) ?? [];
    expect(actions.map((action) => action.kind)).toContain("dispatch-workflow");
  });
});
