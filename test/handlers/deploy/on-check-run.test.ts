// A push that arrives before CI has run on its commit, then check_run.completed: the real app
// in-process against the emulator. The push holds the deploy with an in-progress check run carrying
// the pusher; the check finishing deploys it as the pusher, once, whatever else arrives.
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { startInProcess } from "./in-process.js";
import { mustRepo } from "../../emulator/seed.js";
import { pushPayload } from "../../e2e/fixtures/event-payloads.js";
import { deploymentsOf, reportDeployment } from "../../e2e/fixtures/story.js";
import { completeCheckRun } from "../../e2e/fixtures/story-steps.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const owner = "thegreenwebfoundation";
const CONFIG = [
  "environments:",
  "  staging:",
  "    follows: { branch: staging }",
  "    checks: [tests]",
  "    trusted: [OWNER, MEMBER, COLLABORATOR]",
  '    migrations: { check: migrations, inputs: { migrate: "true" } }',
  "    queue: true",
  '    deploy: { workflow: deploy.yml, inputs: { environment: staging, ref: "{sha}" } }',
  "",
].join("\n");

let gh: Emulator;
let probot: Probot;
let delivery = 0;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

/** A repository of its own per test, so one test's deploy lock is not another's. */
function repository(repo: string): void {
  gh.createRepo({ owner, repo, defaultBranch: "master", files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "manage.py": "" } });
  gh.createBranch(owner, repo, "staging", "master");
  gh.setPermission(owner, repo, "fershad", "write");
}

async function receive(name: "push" | "check_run" | "deployment_status", payload: Record<string, unknown>, id = `d${(delivery += 1)}`): Promise<void> {
  await probot.receive({ id, name, payload: payload as never });
}

/** fershad (or `sender`) pushes a commit to staging while CI has yet to finish on it. */
async function pushToStaging(repo: string, sender = "fershad"): Promise<{ sha: string; tests: number; migrations: number }> {
  const sha = gh.commit(owner, repo, "staging", { "apps/views.py": `# ${delivery}\n` }, "Speed up a view", sender);
  const tests = gh.addCheckRun(owner, repo, sha, "tests", null);
  const migrations = gh.addCheckRun(owner, repo, sha, "migrations", null);
  await receive("push", pushPayload(gh, { owner, repo, ref: "staging", sender }));
  return { sha, tests, migrations };
}

const botChecks = (repo: string, sha: string) =>
  mustRepo(gh.state, owner, repo)
    .checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy staging")
    .map((run) => ({ status: run.status, conclusion: run.conclusion, title: run.output.title, external_id: run.external_id }));
const dispatchesOf = (sha: string) => gh.workflowDispatches.filter((dispatch) => dispatch.inputs["ref"] === sha);

// Each event costs a second or two of in-process work (token, config, reads) on a shared machine.
describe("a deploy held for its checks at the push", { timeout: 60_000 }, () => {
  it("waits with an in-progress check run, then deploys as the pusher when the last required check passes", async () => {
    const repo = "held";
    repository(repo);
    const { sha, tests, migrations } = await pushToStaging(repo);
    expect(botChecks(repo, sha)).toEqual([
      { status: "in_progress", conclusion: null, title: "Waiting for checks: tests, migrations", external_id: `deploy-held:staging::${sha}:fershad` },
    ]);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);

    await receive("check_run", completeCheckRun(gh, owner, repo, tests, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(botChecks(repo, sha)).toHaveLength(1);

    await receive("check_run", completeCheckRun(gh, owner, repo, migrations, "success"));
    const [deployment, ...others] = deploymentsOf(gh, owner, repo, "staging");
    expect(others).toEqual([]);
    // The pusher, not the sender of check_run (CI), and the key the push itself would have made.
    expect(deployment).toMatchObject({ sha, payload: { requested_by: "fershad", release_pilot_key: `deploy:staging:${sha}:push-${sha}` } });
    expect(dispatchesOf(sha)).toEqual([
      expect.objectContaining({ workflow_id: "deploy.yml", inputs: { environment: "staging", ref: sha, deployment_id: String(deployment!.id) } }),
    ]);
    // The held run itself turns green: one run on the commit, as a GitHub Actions job shows.
    expect(botChecks(repo, sha)).toEqual([
      { status: "completed", conclusion: "success", title: "Deploying to staging", external_id: `deploy-started:staging::${sha}` },
    ]);
  });

  it("makes one deployment when the event is redelivered and when another check finishes afterwards", async () => {
    const repo = "once";
    repository(repo);
    const { sha, tests, migrations } = await pushToStaging(repo);
    await receive("check_run", completeCheckRun(gh, owner, repo, migrations, "success"));
    const last = completeCheckRun(gh, owner, repo, tests, "success");
    await receive("check_run", last, "tests-done");
    await receive("check_run", last, "tests-done");
    await receive("check_run", completeCheckRun(gh, owner, repo, migrations, "success"));
    await receive("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    expect(deploymentsOf(gh, owner, repo, "staging").map((d) => d.sha)).toEqual([sha]);
    expect(dispatchesOf(sha)).toHaveLength(1);
    expect(botChecks(repo, sha).map((run) => [run.status, run.conclusion])).toEqual([["completed", "success"]]);
  });

  it("fails the check when a required check fails, and deploys when it passes on a rerun", async () => {
    const repo = "rerun";
    repository(repo);
    const { sha, tests, migrations } = await pushToStaging(repo);
    await receive("check_run", completeCheckRun(gh, owner, repo, tests, "failure"));
    expect(botChecks(repo, sha)).toEqual([
      { status: "completed", conclusion: "failure", title: "Not deployed to staging", external_id: `deploy-checks-failed:staging::${sha}:fershad` },
    ]);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);

    await receive("check_run", completeCheckRun(gh, owner, repo, migrations, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    const rerun = gh.addCheckRun(owner, repo, sha, "tests", null);
    await receive("check_run", completeCheckRun(gh, owner, repo, rerun, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([
      expect.objectContaining({ sha, payload: expect.objectContaining({ requested_by: "fershad" }) }),
    ]);
    expect(botChecks(repo, sha)).toEqual([expect.objectContaining({ status: "completed", conclusion: "success", title: "Deploying to staging" })]);
  });

  it("deploys nothing for an untrusted author's push when its checks pass", async () => {
    const repo = "untrusted";
    repository(repo);
    const { sha, tests, migrations } = await pushToStaging(repo, "visitor");
    const refused = botChecks(repo, sha);
    expect(refused).toEqual([expect.objectContaining({ conclusion: "failure", external_id: `deploy-refused:staging::${sha}` })]);
    for (const run of [tests, migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(botChecks(repo, sha)).toEqual(refused);
  });

  it("asks the pusher's permission again when the checks pass, and refuses if it is gone", async () => {
    const repo = "revoked";
    repository(repo);
    const { sha, tests, migrations } = await pushToStaging(repo);
    gh.setPermission(owner, repo, "fershad", "read");
    for (const run of [tests, migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(botChecks(repo, sha)).toEqual([
      expect.objectContaining({ status: "completed", conclusion: "failure", external_id: `deploy-refused:staging::${sha}` }),
    ]);
  });

  it("queues the deploy behind one still running when the checks pass, and starts it when that one reports", async () => {
    const repo = "queued";
    repository(repo);
    const first = await pushToStaging(repo);
    for (const run of [first.tests, first.migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    const [running] = deploymentsOf(gh, owner, repo, "staging");
    const second = await pushToStaging(repo);
    for (const run of [second.tests, second.migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    const waiting = deploymentsOf(gh, owner, repo, "staging").find((d) => d.sha === second.sha);
    expect(waiting).toMatchObject({ payload: expect.objectContaining({ requested_by: "fershad" }) });
    expect(dispatchesOf(second.sha)).toEqual([]);
    expect(botChecks(repo, second.sha)).toEqual([
      { status: "completed", conclusion: "neutral", title: "Queued for staging", external_id: `deploy-queued:staging::${second.sha}` },
    ]);

    await receive("deployment_status", await reportDeployment(gh, owner, repo, running!.id, "success"));
    expect(dispatchesOf(second.sha)).toHaveLength(1);
  });

  it("does not deploy a commit the branch has moved past, and says so on it", async () => {
    const repo = "moved";
    repository(repo);
    const first = await pushToStaging(repo);
    const second = await pushToStaging(repo);
    for (const run of [first.tests, first.migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(botChecks(repo, first.sha)).toEqual([
      expect.objectContaining({ status: "completed", conclusion: "neutral", title: "Not deployed: staging moved on" }),
    ]);

    for (const run of [second.tests, second.migrations]) await receive("check_run", completeCheckRun(gh, owner, repo, run, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging").map((d) => d.sha)).toEqual([second.sha]);
  });
});
