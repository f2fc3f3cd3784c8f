import { describe, expect, it } from "vitest";
import { planDeploymentOutcome } from "../../../src/policy/deploy/outcome.js";
import { dispatchedDescription, readDispatchRecord } from "../../../src/policy/deploy/dispatch-record.js";
import {
  decideWorkflowFailure,
  findServedDeployment,
  planWorkflowFailure,
  runWindow,
  type DeploymentCandidate,
  type FinishedRun,
} from "../../../src/policy/deploy/workflow-outcome.js";
import { OLD_SHA, SHA } from "./builders.js";

const REPO = { owner: "org", repo: "app" };
const KEY = `deploy:production:${SHA}:comment-42`;
const RUN_URL = "https://github.com/org/app/actions/runs/77";

function run(overrides: Partial<FinishedRun> = {}): FinishedRun {
  return {
    id: 77,
    createdAt: "2026-11-23T12:00:00Z",
    headSha: SHA,
    path: ".github/workflows/deploy.yml",
    name: "Deploy",
    event: "workflow_dispatch",
    conclusion: "failure",
    htmlUrl: RUN_URL,
    ...overrides,
  };
}

function candidate(overrides: Partial<DeploymentCandidate> = {}): DeploymentCandidate {
  return {
    id: 9,
    environment: "production",
    sha: SHA,
    createdAt: "2026-11-23T10:00:00Z",
    productionEnvironment: false,
    payload: { release_pilot_key: KEY, issue_number: 7 },
    latestState: "queued",
    latestDescription: "Dispatched deploy.yml in org/app",
    dispatchRecord: "Dispatched deploy.yml in org/app",
    ...overrides,
  };
}

describe("findServedDeployment", () => {
  it.each([
    ["failure", true],
    ["cancelled", true],
    ["timed_out", true],
    ["success", false],
    ["skipped", false],
  ])("a dispatched run that ended with %s is looked into: %s", (conclusion, looked) => {
    expect(findServedDeployment(run({ conclusion }), [candidate()]).kind).toBe(looked ? "found" : "none");
  });

  it("ignores a failed run that was not dispatched", () => {
    expect(findServedDeployment(run({ event: "push" }), [candidate()]).kind).toBe("none");
  });

  it.each<[string, Partial<DeploymentCandidate>]>([
    ["another commit", { sha: OLD_SHA }],
    ["another workflow", { dispatchRecord: "Dispatched release.yml in org/app" }],
    ["a final status already", { latestState: "failure", latestDescription: "boom" }],
    ["a deployment the bot did not make", { payload: {} }],
    ["no status at all", { latestState: undefined, latestDescription: undefined, dispatchRecord: undefined }],
    ["no dispatch record of this app's (only someone else's words in the latest status)", { dispatchRecord: undefined }],
  ])("does not pick a deployment with %s", (_, overrides) => {
    expect(findServedDeployment(run(), [candidate(overrides)]).kind).toBe("none");
  });

  it("picks the newest waiting deployment of the commit", () => {
    const older = candidate({ id: 8, createdAt: "2026-11-23T09:00:00Z" });
    const newer = candidate({ id: 10, createdAt: "2026-11-23T11:00:00Z", latestState: "in_progress" });
    const served = findServedDeployment(run(), [older, newer]);
    expect(served).toMatchObject({ kind: "found", deployment: { id: 10 } });
  });

  it("matches the run by its id: a rollback's run checks out main's tip, not the deployed commit", () => {
    const rollback = candidate({ sha: OLD_SHA, dispatchRecord: "Dispatched deploy.yml in org/app (run 77)" });
    expect(findServedDeployment(run(), [rollback])).toMatchObject({ kind: "found", deployment: { id: 9 } });
  });

  it("finds the deployment the workflow has since reported in progress, by the record under that status", () => {
    const reported = candidate({ latestState: "in_progress", latestDescription: "Deploying…", dispatchRecord: "Dispatched deploy.yml in org/app (run 77)" });
    expect(findServedDeployment(run(), [reported]).kind).toBe("found");
  });

  it("does not take another run's deployment, even of the same commit and workflow", () => {
    const other = candidate({ dispatchRecord: "Dispatched deploy.yml in org/app (run 78)" });
    expect(findServedDeployment(run(), [other]).kind).toBe("none");
  });

  it("reads the record back through its codec, run id kept when the description is cut", () => {
    const long = dispatchedDescription(`deploy.yml in ${"o".repeat(150)}/app`, 123_456_789);
    expect(long.length).toBeLessThanOrEqual(140);
    expect(readDispatchRecord(long)).toEqual({ what: "deploy.yml", runId: 123_456_789 });
    expect(readDispatchRecord("Dispatched deploy.yml in org/app")).toEqual({ what: "deploy.yml" });
    expect(readDispatchRecord("Deployed by hand (run 5)")).toBeUndefined();
  });

  it("looks for the deployment in the hour before the run was created", () => {
    expect(runWindow(run())).toEqual({ since: "2026-11-23T11:00:00.000Z", until: "2026-11-23T12:00:00Z" });
  });

  it("matches a workflow configured by its name rather than its file", () => {
    expect(findServedDeployment(run(), [candidate({ dispatchRecord: "Dispatched Deploy in org/app" })]).kind).toBe("found");
  });
});

describe("planWorkflowFailure", () => {
  const facts = {
    repo: REPO,
    run: run({ conclusion: "cancelled" }),
    deployment: candidate(),
    isProduction: true,
    previousSuccess: { sha: OLD_SHA, ref: OLD_SHA },
  };

  it("fails the deployment with the run as its log", () => {
    expect(planWorkflowFailure(facts).actions[0]).toEqual({
      kind: "set-deployment-status",
      key: "workflow-failed:9",
      repo: REPO,
      deploymentId: 9,
      state: "failure",
      description: "The Deploy run ended with cancelled",
      logUrl: RUN_URL,
    });
  });

  it("plans the same outcome a deployment_status failure with the run's log plans, so the two converge", () => {
    const fromStatus = planDeploymentOutcome({
      repo: REPO,
      deployment: { id: 9, environment: "production", sha: SHA, payload: candidate().payload },
      state: "failure",
      isProduction: true,
      previousSuccess: { sha: OLD_SHA, ref: OLD_SHA },
      logUrl: RUN_URL,
    });
    expect(planWorkflowFailure(facts).actions.slice(1)).toEqual(fromStatus.actions);
  });

  it("offers the rollback in the asking issue for a production deploy", () => {
    const comment = planWorkflowFailure(facts).actions.find((action) => action.kind === "comment");
    expect(comment).toMatchObject({ issueNumber: 7, key: `deploy-reply:${KEY}` });
    expect(comment && "body" in comment ? comment.body : "").toContain("/rollback production");
  });

  it("plans nothing for a run that succeeded", () => {
    expect(planWorkflowFailure({ ...facts, run: run({ conclusion: "success" }) }).actions).toEqual([]);
  });
});

describe("decideWorkflowFailure", () => {
  const facts = { repo: REPO, run: run({ conclusion: "failure" }), deployment: candidate(), previousSuccess: { sha: OLD_SHA, ref: OLD_SHA } };

  it("offers the rollback for production and leaves its pointer tag on what last worked", () => {
    const decided = decideWorkflowFailure([{ name: "production", pointerTag: "prod" }], facts);
    expect(decided.actions.map((action) => action.kind)).not.toContain("move-tag");
    const comment = decided.actions.find((action) => action.kind === "comment");
    expect(comment && "body" in comment ? comment.body : "").toContain("/rollback production");
  });

  it("offers no rollback for an environment that is not production", () => {
    const staging = decideWorkflowFailure([{ name: "staging" }], { ...facts, deployment: candidate({ environment: "staging" }) });
    const comment = staging.actions.find((action) => action.kind === "comment");
    expect(comment && "body" in comment ? comment.body : "").not.toContain("/rollback");
  });
});
