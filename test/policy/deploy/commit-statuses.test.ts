// Commit statuses (CI outside GitHub Apps, such as Jenkins) count as checks: a context named in
// `checks` is met by a check run of that name or a commit status of that context
// (src/policy/deploy/commit-statuses.ts), in the gates and in a push's hold alike.
import { describe, expect, it } from "vitest";
import { planPushDeploy, pushTrigger } from "../../../src/policy/deploy/checks-hold.js";
import { checkNamed, commitChecks, statusAsCheck, type CommitStatusFact } from "../../../src/policy/deploy/commit-statuses.js";
import { evaluateGates, type CheckRunFact } from "../../../src/policy/deploy/gates.js";
import { SHA, deployFacts, environment, gateFacts } from "./builders.js";

const short = SHA.slice(0, 7);
const status = (state: string, context = "ci/jenkins"): CommitStatusFact => ({ context, state });
const green = (name: string): CheckRunFact => ({ name, status: "completed", conclusion: "success" });
const jenkins = environment({ name: "staging", checks: ["ci/jenkins"] });
const gates = (statuses: readonly CommitStatusFact[], runs: readonly CheckRunFact[] = []) =>
  evaluateGates(gateFacts({ env: jenkins, checkRuns: commitChecks(runs, statuses) }));

describe("statusAsCheck and checkNamed", () => {
  it("read pending as still running and every other state as finished with it", () => {
    expect(statusAsCheck(status("pending"))).toEqual({ name: "ci/jenkins", status: "pending", conclusion: null, source: "status" });
    expect(statusAsCheck(status("error"))).toEqual({ name: "ci/jenkins", status: "completed", conclusion: "error", source: "status" });
  });

  it("find a status by its context without case, a check run by its exact name, and the check run first", () => {
    const checks = commitChecks([green("tests")], [status("failure", "CI/Jenkins"), status("failure", "tests")]);
    expect(checkNamed(checks, "ci/jenkins")).toMatchObject({ name: "CI/Jenkins", source: "status" });
    expect(checkNamed(checks, "tests")).toEqual(green("tests"));
    expect(checkNamed(commitChecks([green("tests")], []), "Tests")).toBeUndefined();
  });
});

describe("the checks gate with commit statuses", () => {
  it("passes when the required context's latest status is success", () => {
    expect(gates([status("success")]).kind).toBe("proceed");
  });

  it("refuses while the status is pending, saying it is a status", () => {
    expect(gates([status("pending")])).toMatchObject({
      kind: "refuse",
      reason: "checks",
      message: `the ci/jenkins status is still pending on ${short}; deploy again when it has passed.`,
    });
  });

  it.each(["failure", "error"])("refuses when the status is %s", (state) => {
    expect(gates([status(state)])).toMatchObject({
      kind: "refuse",
      reason: "checks",
      message: `the ci/jenkins status ended ${state} on ${short}; fix it and deploy a commit where it passes.`,
    });
  });

  it("refuses when neither a check run nor a status has reported", () => {
    expect(gates([status("success", "ci/other")])).toMatchObject({
      kind: "refuse",
      message: `the ci/jenkins check has not run on ${short}; run it, then deploy again.`,
    });
  });

  it("takes a check run and a status together when the environment requires both", () => {
    const both = environment({ name: "staging", checks: ["tests", "ci/jenkins"] });
    const facts = (statuses: readonly CommitStatusFact[]) => gateFacts({ env: both, checkRuns: commitChecks([green("tests")], statuses) });
    expect(evaluateGates(facts([status("success")])).kind).toBe("proceed");
    expect(evaluateGates(facts([status("failure")])).kind).toBe("refuse");
  });
});

describe("a push's deploy gated on a commit status", () => {
  const push = (statuses: readonly CommitStatusFact[]) =>
    planPushDeploy(
      deployFacts({ env: jenkins, trigger: pushTrigger(SHA), requester: "fershad", checkRuns: commitChecks([], statuses), issueNumber: undefined }),
      "The push to staging",
    );

  it("waits while the status is pending or not yet reported", () => {
    for (const statuses of [[status("pending")], []]) {
      const plan = push(statuses);
      expect(plan.actions).toEqual([expect.objectContaining({ kind: "check-run", status: "in_progress", title: "Waiting for checks: ci/jenkins" })]);
    }
  });

  it("is held as failed when the status failed", () => {
    const plan = push([status("failure")]);
    expect(plan.actions).toEqual([expect.objectContaining({ kind: "check-run", conclusion: "failure", title: "Not deployed to staging" })]);
    expect(plan.summary).toContain("the ci/jenkins status ended failure");
  });

  it("deploys once the status is success", () => {
    expect(push([status("success")]).actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow"]);
  });
});
