// The check-run action against the emulator: a run can start in progress and a later action
// completes that same run (one run on the commit, as a GitHub Actions job shows), and running
// either action again writes nothing.
import { ProbotOctokit } from "probot";
import { fixedIdentity } from "../../src/github/identity.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/client.js";
import { execute } from "../../src/github/execute.js";
import type { CheckRun, RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo: RepoRef = { owner: "acme", repo: "checks" };
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const self = fixedIdentity({ login: "release-pilot[bot]" });
let emulator: Emulator;
let octokit: GitHub;
let commits: string[];

beforeAll(async () => {
  emulator = await startEmulator();
  const first = emulator.createRepo({ ...repo, files: { "README.md": "x\n" } }).headSha;
  commits = [first];
  for (let i = 1; i < 5; i++) commits.push(emulator.commit(repo.owner, repo.repo, "main", { [`f${i}.txt`]: `${i}\n` }, `Commit ${i}`, "octocat"));
  octokit = new ProbotOctokit({
    auth: { token: "test" },
    baseUrl: `${emulator.url}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  }) as GitHub;
});
afterAll(async () => {
  expect(emulator.violations).toEqual([]);
  await emulator.close();
});

const name = "Release Pilot: deploy staging";

function waiting(sha: string, title = "Waiting for checks: tests"): CheckRun {
  const base = { kind: "check-run", repo, headSha: sha, name, summary: "deploys once tests passes", annotations: [] } as const;
  return { ...base, key: `deploy-held:staging::${sha}:octocat`, continues: [`deploy-held:staging::${sha}:`], status: "in_progress", title };
}

function started(sha: string, key = `deploy-started:staging::${sha}`, conclusion: "success" | "failure" = "success", title = "Deploying to staging"): CheckRun {
  const base = { kind: "check-run", repo, headSha: sha, name, summary: "deploying", annotations: [] } as const;
  return { ...base, key, continues: [`deploy-held:staging::${sha}:`], conclusion, title };
}

async function run(action: CheckRun) {
  emulator.resetCalls();
  const [effect] = await execute({ reason: "planned", summary: "test", actions: [action] }, { octokit, log, self });
  return { effect, writes: emulator.counts().writes };
}

async function runsOn(sha: string) {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, filter: "all" });
  return data.check_runs;
}

describe("a check run that starts in progress", () => {
  it("is created in progress, without a conclusion, and a rerun writes nothing", async () => {
    const sha = commits[0]!;
    const first = await run(waiting(sha));
    expect(first).toMatchObject({ effect: { status: "done" }, writes: 1 });
    expect(await runsOn(sha)).toMatchObject([
      {
        status: "in_progress",
        conclusion: null,
        completed_at: null,
        external_id: `deploy-held:staging::${sha}:octocat`,
        output: { title: "Waiting for checks: tests" },
      },
    ]);
    const again = await run(waiting(sha));
    expect(again).toMatchObject({ effect: { status: "already-done", id: first.effect?.id }, writes: 0 });
  });

  it("is completed in place by the action that continues it, once", async () => {
    const sha = commits[1]!;
    const held = await run(waiting(sha));
    const done = await run(started(sha));
    expect(done).toMatchObject({ effect: { status: "done", id: held.effect?.id }, writes: 1 });
    const runs = await runsOn(sha);
    expect(runs).toHaveLength(1);
    expect(runs[0]).toMatchObject({
      status: "completed",
      conclusion: "success",
      external_id: `deploy-started:staging::${sha}`,
      output: { title: "Deploying to staging" },
    });
    expect(runs[0]?.completed_at).toEqual(expect.any(String));
    expect(await run(started(sha))).toMatchObject({ effect: { status: "already-done" }, writes: 0 });
  });

  it("says a new wait in the same run while it is still in progress", async () => {
    const sha = commits[2]!;
    await run(waiting(sha, "Waiting for checks: tests, lint"));
    expect(await run(waiting(sha, "Waiting for checks: lint"))).toMatchObject({ effect: { status: "done" }, writes: 1 });
    expect(await runsOn(sha)).toMatchObject([{ status: "in_progress", output: { title: "Waiting for checks: lint" } }]);
  });

  it("is not reopened once completed: a new wait is a new run", async () => {
    const sha = commits[3]!;
    const held = await run(waiting(sha));
    const failed = started(sha, `deploy-checks-failed:staging::${sha}:octocat`, "failure", "Not deployed");
    expect(await run(failed)).toMatchObject({ effect: { id: held.effect?.id }, writes: 1 });
    const again = await run({ ...waiting(sha), continues: [`deploy-checks-failed:staging::${sha}:`] });
    expect(again.effect?.id).not.toBe(held.effect?.id);
    const runs = await runsOn(sha);
    expect(runs.map((r) => [r.status, r.conclusion]).sort()).toEqual([
      ["completed", "failure"],
      ["in_progress", null],
    ]);
  });

  it("leaves a run it does not continue alone and adds its own", async () => {
    const sha = commits[4]!;
    await run(waiting(sha));
    const other: CheckRun = { ...started(sha), continues: [] };
    await run(other);
    const runs = await runsOn(sha);
    expect(runs.map((r) => [r.status, r.conclusion]).sort()).toEqual([
      ["completed", "success"],
      ["in_progress", null],
    ]);
  });
});
