// A push's deploy is decided before CI has run on the pushed commit: it is held (with the pusher
// in the check run's external_id) when only the required checks stand in the way, and refused
// as before when anything else does.
import { describe, expect, it } from "vitest";
import type { CheckRunFact } from "../../../src/policy/deploy/gates.js";
import { deployKey } from "../../../src/policy/deploy/deploy-key.js";
import { holdKey, planPushDeploy, pushTrigger, readHold } from "../../../src/policy/deploy/checks-hold.js";
import { reportAutomaticRefusal } from "../../../src/policy/deploy/automatic-refusal.js";
import { planDeploy } from "../../../src/policy/deploy/plan-deploy.js";
import type { CheckRun } from "../../../src/policy/plan.js";
import { NOW, OLD_SHA, SHA, deployFacts, environment } from "./builders.js";

const CAUSE = "The push to staging";
/** The lock of a deploy of an older commit, still running. */
const RUNNING = {
  holder: "mrchrisadams",
  reason: "deploying",
  expiresAt: "2026-11-23T11:00:00.000Z",
  deploymentKey: `deploy:staging:${OLD_SHA}:push-${OLD_SHA}`,
};
const run = (name: string, status: string, conclusion: string | null = null): CheckRunFact => ({ name, status, conclusion });
const green = (name: string) => run(name, "completed", "success");

/** A push to staging by fershad, requiring tests and the migrations check. */
function push(checkRuns: readonly CheckRunFact[], overrides: Parameters<typeof deployFacts>[0] = {}) {
  return deployFacts({
    env: environment({ name: "staging", checks: ["tests", "migrations"] }),
    trigger: pushTrigger(SHA),
    requester: "fershad",
    checkRuns,
    ...overrides,
    issueNumber: undefined,
  });
}

function onlyCheck(plan: ReturnType<typeof planPushDeploy>): CheckRun {
  const [action, ...rest] = plan.actions;
  expect(rest).toEqual([]);
  if (action?.kind !== "check-run") throw new Error(`expected one check run, got ${action?.kind}`);
  return action;
}

describe("planPushDeploy", () => {
  it("deploys when every required check has passed", () => {
    const plan = planPushDeploy(push([green("tests"), green("migrations")]), CAUSE);
    expect(plan.reason).toBe("planned");
    expect(plan.actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow"]);
  });

  it.each([
    ["tests still running", [run("tests", "in_progress"), green("migrations")], "Waiting for checks: tests"],
    ["tests not started yet", [green("migrations")], "Waiting for checks: tests"],
    ["both queued", [run("tests", "queued"), run("migrations", "queued")], "Waiting for checks: tests, migrations"],
  ])("holds with an in-progress check run carrying the pusher when %s", (_case, runs, title) => {
    const check = onlyCheck(planPushDeploy(push(runs), CAUSE));
    expect(check).toMatchObject({ status: "in_progress", name: "Release Pilot: deploy staging", headSha: SHA, title });
    expect(check.conclusion).toBeUndefined();
    // A redelivered push, or one after a failed check, says the wait in the hold it finds.
    expect(check.continues).toEqual([`deploy-held:staging::${SHA}:`, `deploy-checks-failed:staging::${SHA}:`, `deploy-window:staging::${SHA}:`]);
    expect(check.key).toBe(`deploy-held:staging::${SHA}:fershad`);
    expect(check.summary).toContain("for @fershad once");
  });

  it("reports a failed check at once, without waiting for the others, and can still go ahead on a rerun", () => {
    const check = onlyCheck(planPushDeploy(push([run("tests", "completed", "failure"), run("migrations", "in_progress")]), CAUSE));
    expect(check).toMatchObject({ conclusion: "failure", key: `deploy-checks-failed:staging::${SHA}:fershad`, title: "Not deployed to staging" });
    // The failure completes the in-progress hold itself.
    expect(check.continues).toContain(`deploy-held:staging::${SHA}:`);
    expect(check.summary).toBe(
      `The push to staging did not deploy to staging: the tests check ended failure on ${SHA.slice(0, 7)}; fix it and deploy a commit where it passes. If the check passes when it is run again, the deploy goes ahead then.`,
    );
  });

  it("keeps the --with-migrations advice when the migrations check reports pending migrations", () => {
    const check = onlyCheck(planPushDeploy(push([green("tests"), run("migrations", "completed", "failure")]), CAUSE));
    expect(check.conclusion).toBe("failure");
    expect(check.summary).toContain(`/deploy staging ${SHA.slice(0, 7)} --with-migrations.`);
  });

  it.each([
    [
      "a person has locked staging",
      { lock: { holder: "mrchrisadams", reason: "demo", expiresAt: "2026-11-23T11:00:00.000Z" } },
      "locked",
      /staging is locked by mrchrisadams \(demo\)/,
    ],
    ["approvals are missing", { env: environment({ name: "staging", checks: ["tests", "migrations"], approvals: 1 }) }, "gate-refused", /approval/],
  ])("refuses as before, naming what besides the checks is in the way, when %s", (_case, overrides, reason, message) => {
    const plan = planPushDeploy(push([run("tests", "in_progress"), green("migrations")], overrides), CAUSE);
    expect(plan.reason).toBe(reason);
    expect(plan.actions).toEqual([]);
    expect(plan.summary).toMatch(message);
    expect(plan.summary).not.toContain("in progress");
  });

  it("holds for the checks while another deploy runs: the lock is weighed again when they pass", () => {
    const check = onlyCheck(planPushDeploy(push([run("tests", "in_progress"), green("migrations")], { lock: RUNNING }), CAUSE));
    expect(check).toMatchObject({ status: "in_progress", key: `deploy-held:staging::${SHA}:fershad` });
  });

  it("leaves a deploy whose checks passed to planDeploy while another deploy runs", () => {
    const facts = push([green("tests"), green("migrations")], { lock: RUNNING });
    expect(planPushDeploy(facts, CAUSE)).toEqual(planDeploy(facts));
  });

  it("re-plans the deploy whose own lock it finds (a redelivered push) instead of refusing it as locked", () => {
    const lock = { holder: "fershad", reason: "deploying", expiresAt: "2026-11-23T11:00:00.000Z", deploymentKey: `deploy:staging:${SHA}:push-${SHA}` };
    const plan = planPushDeploy(push([green("tests"), green("migrations")], { lock }), CAUSE);
    expect(plan.reason).toBe("planned");
    expect(plan.actions.map((action) => action.key)).toEqual(
      planPushDeploy(push([green("tests"), green("migrations")]), CAUSE).actions.map((action) => action.key),
    );
  });

  it("plans the same hold for a redelivered push", () => {
    const facts = push([run("tests", "in_progress"), green("migrations")], { now: NOW });
    expect(planPushDeploy(facts, CAUSE)).toEqual(planPushDeploy(facts, CAUSE));
  });

  it("names the app in the check of a repository with several apps", () => {
    const check = onlyCheck(planPushDeploy(push([run("tests", "in_progress"), green("migrations")], { app: "api" }), CAUSE));
    expect(check).toMatchObject({ name: "Release Pilot: deploy api to staging", key: `deploy-held:staging:api:${SHA}:fershad` });
  });
});

describe("holdKey and readHold", () => {
  it.each([[{ env: "staging", sha: SHA, pusher: "fershad" }], [{ env: "production-eu", app: "ingestion_server", sha: SHA, pusher: "dependabot[bot]" }]])(
    "read back the pusher of %j",
    (ref) => {
      for (const state of ["waiting", "failed"] as const) {
        const { pusher, ...at } = ref;
        expect(readHold(holdKey(state, ref), at)).toEqual({ state, pusher });
      }
    },
  );

  it.each([
    ["no external id", null],
    ["another commit", holdKey("waiting", { env: "staging", sha: OLD_SHA, pusher: "fershad" })],
    ["another app", holdKey("waiting", { env: "staging", app: "api", sha: SHA, pusher: "fershad" })],
    ["a refusal", `deploy-refused:staging::${SHA}`],
    ["no pusher", `deploy-held:staging::${SHA}:`],
    ["a pusher that is no login", `deploy-held:staging::${SHA}:a:b`],
  ])("find no hold in %s", (_case, externalId) => {
    expect(readHold(externalId, { env: "staging", sha: SHA })).toBeUndefined();
  });

  it("gives a push's deploy the push's trigger, written into its keys as push-<sha>", () => {
    expect(pushTrigger(SHA)).toEqual({ kind: "push", sha: SHA });
    expect(deployKey({ env: "staging", sha: SHA, trigger: pushTrigger(SHA) })).toBe(`deploy:staging:${SHA}:push-${SHA}`);
  });
});

describe("a refusal after a hold", () => {
  it("completes the hold of whoever pushed, so no run stays in progress", () => {
    const plan = reportAutomaticRefusal({ repo: { owner: "o", repo: "r" }, sha: SHA, env: "staging", cause: CAUSE }, { error: "fershad may no longer deploy" });
    const [check] = plan.actions;
    if (check?.kind !== "check-run") throw new Error("expected a check run");
    const hold = holdKey("waiting", { env: "staging", sha: SHA, pusher: "fershad" });
    const failed = holdKey("failed", { env: "staging", sha: SHA, pusher: "fershad" });
    expect([hold, failed].map((key) => check.continues?.some((prefix) => key.startsWith(prefix)))).toEqual([true, true]);
    expect(check.continues?.some((prefix) => holdKey("waiting", { env: "staging", sha: OLD_SHA, pusher: "fershad" }).startsWith(prefix))).toBe(false);
  });
});
