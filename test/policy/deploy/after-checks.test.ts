// check_run.completed for a deploy a push held: which holds a finished check can release, and
// what becomes of each (deploy, keep waiting, or settle the hold with nothing to deploy).
import { describe, expect, it } from "vitest";
import {
  decideHeld,
  heldDeploys,
  pendingStatusPlan,
  planHeldDeployStarted,
  targetsOfCheck,
  type CheckRunSeen,
  type FollowingTarget,
  type HeldDeploy,
} from "../../../src/policy/deploy/after-checks.js";
import { holdKey } from "../../../src/policy/deploy/checks-hold.js";
import { OLD_SHA, SHA } from "./builders.js";

const REPO = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const OWN_APP = 1;
const STAGING: FollowingTarget = { env: "staging", branch: "staging", checks: ["tests", "migrations"] };
const PRODUCTION: FollowingTarget = { env: "production", branch: "master", checks: ["tests", "migrations"] };

const ci = (name: string, status: string, conclusion: string | null = null): CheckRunSeen => ({ name, status, conclusion, externalId: null, appId: 15368 });
const green = (name: string) => ci(name, "completed", "success");
const ours = (name: string, externalId: string, appId = OWN_APP): CheckRunSeen => ({ name, status: "completed", conclusion: "neutral", externalId, appId });
// The hold is in progress until the checks settle it.
const waiting = (env = "staging", pusher = "fershad"): CheckRunSeen => ({
  ...ours(`Release Pilot: deploy ${env}`, holdKey("waiting", { env, sha: SHA, pusher })),
  status: "in_progress",
  conclusion: null,
});
/** Every settling check completes the held run itself, waiting or failed, instead of adding one. */
// A settled hold continues the run of any hold: waiting for checks, failed checks, or waiting for a deploy window.
const CONTINUES_HOLD = [`deploy-held:staging::${SHA}:`, `deploy-checks-failed:staging::${SHA}:`, `deploy-window:staging::${SHA}:`];

const HELD: HeldDeploy = { ...STAGING, sha: SHA, state: "waiting", pusher: "fershad" };

describe("targetsOfCheck", () => {
  it("keeps the environments that require the finished check", () => {
    const docs: FollowingTarget = { env: "docs", branch: "main", checks: [] };
    expect(targetsOfCheck([STAGING, PRODUCTION, docs], "tests")).toEqual([STAGING, PRODUCTION]);
    expect(targetsOfCheck([STAGING, PRODUCTION, docs], "lint")).toEqual([]);
  });

  it("matches a commit status's context without case, and a check run's name exactly", () => {
    const jenkins: FollowingTarget = { env: "staging", branch: "main", checks: ["ci/jenkins"] };
    expect(targetsOfCheck([jenkins], "CI/Jenkins", "status")).toEqual([jenkins]);
    expect(targetsOfCheck([jenkins], "ci/jenkins", "status")).toEqual([jenkins]);
    expect(targetsOfCheck([jenkins], "CI/Jenkins")).toEqual([]);
  });
});

describe("heldDeploys", () => {
  it("finds the hold with the pusher it recorded", () => {
    expect(heldDeploys([STAGING, PRODUCTION], SHA, [green("tests"), waiting()], OWN_APP)).toEqual([HELD]);
  });

  it("finds a hold made before holds were in progress (a completed neutral run)", () => {
    const old = ours("Release Pilot: deploy staging", holdKey("waiting", { env: "staging", sha: SHA, pusher: "fershad" }));
    expect(heldDeploys([STAGING], SHA, [old], OWN_APP)).toEqual([HELD]);
  });

  it("finds a hold after a failed check, which a rerun that passes releases", () => {
    const failed = ours("Release Pilot: deploy staging", holdKey("failed", { env: "staging", sha: SHA, pusher: "fershad" }));
    expect(heldDeploys([STAGING], SHA, [failed], OWN_APP)).toEqual([{ ...HELD, state: "failed" }]);
  });

  it.each([
    ["no check run of the bot's", [green("tests")]],
    ["the newest deploy check is a refusal (an untrusted push)", [ours("Release Pilot: deploy staging", `deploy-refused:staging::${SHA}`)]],
    ["the hold was settled: the deploy started", [ours("Release Pilot: deploy staging", `deploy-started:staging::${SHA}`)]],
    ["the hold is another commit's", [ours("Release Pilot: deploy staging", holdKey("waiting", { env: "staging", sha: OLD_SHA, pusher: "fershad" }))]],
    [
      "another app made a run that looks like a hold",
      [ours("Release Pilot: deploy staging", holdKey("waiting", { env: "staging", sha: SHA, pusher: "admin" }), 15368)],
    ],
  ])("finds none when %s", (_case, runs) => {
    expect(heldDeploys([STAGING], SHA, runs, OWN_APP)).toEqual([]);
  });

  it("takes a hold from any app when the bot's own id is unknown (a GitHub Actions step)", () => {
    expect(
      heldDeploys([STAGING], SHA, [ours("Release Pilot: deploy staging", holdKey("waiting", { env: "staging", sha: SHA, pusher: "fershad" }), 15368)]),
    ).toEqual([HELD]);
  });

  it("tells the apps of a repository with several apart", () => {
    const api: FollowingTarget = { env: "staging", app: "api", branch: "main", checks: ["tests"] };
    const frontend: FollowingTarget = { ...api, app: "frontend" };
    const run = ours("Release Pilot: deploy api to staging", holdKey("waiting", { env: "staging", app: "api", sha: SHA, pusher: "zack" }));
    expect(heldDeploys([api, frontend], SHA, [run], OWN_APP)).toEqual([{ ...api, sha: SHA, state: "waiting", pusher: "zack" }]);
  });
});

describe("decideHeld", () => {
  const facts = (overrides: Partial<Parameters<typeof decideHeld>[0]> = {}) => ({
    repo: REPO,
    held: HELD,
    head: SHA,
    deployed: false,
    runs: [green("tests"), green("migrations")],
    statuses: [],
    ...overrides,
  });

  it.each([
    ["every required check passed", [green("tests"), green("migrations")]],
    ["a required check failed while another still runs (reported at once)", [ci("tests", "completed", "failure"), ci("migrations", "in_progress")]],
    ["the migrations check reports pending migrations", [green("tests"), ci("migrations", "completed", "failure")]],
  ])("tries the deploy when %s", (_case, runs) => {
    expect(decideHeld(facts({ runs }))).toEqual({ kind: "deploy" });
  });

  it.each([
    ["another required check still runs", [green("tests"), ci("migrations", "in_progress")], ["migrations"]],
    ["another required check has not started", [green("tests")], ["migrations"]],
    ["a failed check is being run again", [ci("tests", "queued"), green("migrations")], ["tests"]],
  ])("keeps waiting when %s", (_case, runs, pending) => {
    expect(decideHeld(facts({ runs }))).toEqual({ kind: "wait", pending });
  });

  describe("with a required commit status (CI that reports through the Statuses API)", () => {
    const jenkins: HeldDeploy = { ...HELD, checks: ["tests", "ci/jenkins"] };
    const status = (state: string) => [{ context: "ci/jenkins", state }];

    it("keeps waiting while the status is pending or not reported", () => {
      expect(decideHeld(facts({ held: jenkins, runs: [green("tests")], statuses: status("pending") }))).toEqual({ kind: "wait", pending: ["ci/jenkins"] });
      expect(decideHeld(facts({ held: jenkins, runs: [green("tests")], statuses: [] }))).toEqual({ kind: "wait", pending: ["ci/jenkins"] });
    });

    it.each(["success", "failure", "error"])("tries the deploy once the status is %s (its gates then pass or fail it)", (state) => {
      expect(decideHeld(facts({ held: jenkins, runs: [green("tests")], statuses: status(state) }))).toEqual({ kind: "deploy" });
    });

    it("reports a failed status at once while a check run still runs", () => {
      expect(decideHeld(facts({ held: jenkins, runs: [ci("tests", "in_progress")], statuses: status("failure") }))).toEqual({ kind: "deploy" });
    });
  });

  it("settles the hold with a neutral check when the branch has moved on", () => {
    const decision = decideHeld(facts({ head: OLD_SHA }));
    if (decision.kind !== "settle") throw new Error(`expected settle, got ${decision.kind}`);
    expect(decision.plan.actions).toEqual([
      expect.objectContaining({
        kind: "check-run",
        conclusion: "neutral",
        continues: CONTINUES_HOLD,
        key: `deploy-superseded:staging::${SHA}`,
        name: "Release Pilot: deploy staging",
        headSha: SHA,
        title: "Not deployed: staging moved on",
      }),
    ]);
    expect(decision.plan.summary).toContain(`staging is now at \`${OLD_SHA.slice(0, 7)}\``);
  });

  it("says so when the branch is gone", () => {
    const decision = decideHeld(facts({ head: undefined }));
    expect(decision.kind === "settle" ? decision.plan.summary : "").toContain("staging no longer exists");
  });

  it("settles the hold without a second deployment when the commit is deployed already", () => {
    const decision = decideHeld(facts({ deployed: true }));
    if (decision.kind !== "settle") throw new Error(`expected settle, got ${decision.kind}`);
    expect(decision.plan.reason).toBe("already-done");
    expect(decision.plan.actions).toEqual([
      expect.objectContaining({ kind: "check-run", conclusion: "success", continues: CONTINUES_HOLD, key: `deploy-started:staging::${SHA}` }),
    ]);
  });
});

describe("planHeldDeployStarted", () => {
  it("settles the hold as a success naming the pusher once the deploy is dispatched", () => {
    const plan = planHeldDeployStarted({ repo: REPO, held: HELD }, "dispatched");
    expect(plan.actions).toEqual([
      expect.objectContaining({
        kind: "check-run",
        conclusion: "success",
        continues: CONTINUES_HOLD,
        key: `deploy-started:staging::${SHA}`,
        title: "Deploying to staging",
        headSha: SHA,
      }),
    ]);
    expect(plan.summary).toBe(
      `tests, migrations passed on \`${SHA.slice(0, 7)}\`; deploying it to staging for @fershad. The deployment's status says how it ends.`,
    );
  });

  it("says the deploy waits when it was queued behind a running one", () => {
    const plan = planHeldDeployStarted({ repo: REPO, held: HELD }, "queued");
    expect(plan.actions).toEqual([
      expect.objectContaining({ conclusion: "neutral", continues: CONTINUES_HOLD, key: `deploy-queued:staging::${SHA}`, title: "Queued for staging" }),
    ]);
  });
});

describe("pendingStatusPlan", () => {
  it("looks no further at a pending status, saying why", () => {
    expect(pendingStatusPlan({ context: "ci/jenkins", state: "pending" })).toMatchObject({ actions: [], reason: "event-not-relevant" });
  });

  it("lets a finished status through, whatever its outcome", () => {
    for (const state of ["success", "failure", "error"]) expect(pendingStatusPlan({ context: "ci/jenkins", state })).toBeUndefined();
  });
});
