// Reading an environment's history and locks. History: a queued deploy superseded before it
// started never ran, so it is left out. Locks: a person's /lock on the environment wins over a running
// deploy's lock on one app, both are read with one matching-refs call, and a lock of another
// environment whose name merely starts the same (production-eu) is not this one's.
import { ProbotOctokit } from "probot";
import { fixedIdentity } from "../../src/github/identity.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "../../src/github/execute.js";
import type { GitHub } from "../../src/github/client.js";
import { currentLock, deploymentHistory } from "../../src/facts/github/deploy-reads.js";
import type { Action, RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo: RepoRef = { owner: "acme", repo: "service" };
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const self = fixedIdentity({ login: "release-pilot[bot]" });
const now = "2026-01-01T00:00:00Z";
let gh: Emulator;
let octokit: GitHub;
let head: string;

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({ ...repo, files: { "README.md": "x" } }).headSha;
  octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

async function lock(environment: string, holder: string): Promise<void> {
  const action: Action = {
    kind: "acquire-lock",
    key: `lock:${environment}`,
    repo,
    environment,
    holder,
    reason: "test",
    expiresAt: "2026-01-01T01:00:00Z",
    now,
    commit: head,
  };
  await execute({ reason: "planned", summary: "lock", actions: [action] }, { octokit, log, self });
}

const routes = () => gh.calls.map((call) => `${call.method} ${call.route}`);

describe("currentLock", () => {
  it("ignores another environment's lock that shares the name's start", async () => {
    await lock("production-eu", "eve");
    gh.resetCalls();
    expect(await currentLock(octokit, repo, "production", "api")).toBeUndefined();
    expect(routes()).toEqual(["GET /repos/{owner}/{repo}/git/matching-refs/{ref}"]);
  });

  it("finds the app's lock with one listing and one commit read", async () => {
    await lock("production@api", "deploy-bot");
    gh.resetCalls();
    expect(await currentLock(octokit, repo, "production", "api")).toMatchObject({ holder: "deploy-bot" });
    expect(routes()).toEqual(["GET /repos/{owner}/{repo}/git/matching-refs/{ref}", "GET /repos/{owner}/{repo}/git/commits/{commit_sha}"]);
    expect(await currentLock(octokit, repo, "production", "web")).toBeUndefined();
  });

  it("prefers the environment's lock to the app's", async () => {
    await lock("production", "alice");
    expect(await currentLock(octokit, repo, "production", "api")).toMatchObject({ holder: "alice" });
    expect(await currentLock(octokit, repo, "production")).toMatchObject({ holder: "alice" });
  });
});

describe("deploymentHistory", () => {
  it("reads only this app's deployments, and only its own word that one was superseded", async () => {
    const own = gh.addDeployment({ ...repo, environment: "uat", ref: head, statuses: ["success"] });
    gh.addDeployment({ ...repo, environment: "uat", ref: head, statuses: ["success"], creator: "mallory" });
    const flagged = gh.addDeployment({ ...repo, environment: "uat", ref: head, statuses: ["success"] });
    const person = new ProbotOctokit({
      auth: { token: gh.userToken("mallory") },
      baseUrl: `${gh.url}/api/v3`,
      throttle: { enabled: false },
      retry: { enabled: false },
    }) as GitHub;
    await person.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: flagged,
      state: "inactive",
      description: "Superseded by the newer queued deploy of 1c1f6ab",
    });
    const history = await deploymentHistory(octokit, repo, { login: "release-pilot[bot]" }, "uat");
    expect(history.map((record) => [record.id, record.state])).toEqual([
      [flagged, "inactive"],
      [own, "success"],
    ]);
  });

  it("reads one app's history through GitHub's auto_inactive: another app's success leaves the app's successes succeeded", async () => {
    const api = (statuses: string[]) => gh.addDeployment({ ...repo, environment: "preview", ref: head, payload: { app: "api" }, statuses });
    const apiFailed = api(["in_progress", "failure"]);
    const apiOld = api(["in_progress", "success"]);
    const apiRunning = api(["in_progress", "success"]);
    // A person marks the failed deploy inactive: it still failed.
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: apiFailed, state: "inactive" });
    // The web app's deploy succeeds: GitHub marks both api successes inactive (auto_inactive).
    const web = gh.addDeployment({ ...repo, environment: "preview", ref: head, payload: { app: "web" }, statuses: ["in_progress"] });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: web, state: "success" });
    const history = await deploymentHistory(octokit, repo, { login: "release-pilot[bot]" }, "preview", "api");
    expect(history.map((record) => [record.id, record.state])).toEqual([
      [apiRunning, "inactive"],
      [apiOld, "inactive"],
      [apiFailed, "failure"],
    ]);
  });

  it("leaves out a queued deploy that was superseded before it started", async () => {
    const ran = gh.addDeployment({ ...repo, environment: "qa", ref: head, statuses: ["success"] });
    const superseded = gh.addDeployment({ ...repo, environment: "qa", ref: head });
    await octokit.rest.repos.createDeploymentStatus({
      ...repo,
      deployment_id: superseded,
      state: "inactive",
      description: "Superseded by the newer queued deploy of 1c1f6ab",
    });
    expect((await deploymentHistory(octokit, repo, { login: "release-pilot[bot]" }, "qa")).map((record) => [record.id, record.state])).toEqual([
      [ran, "success"],
    ]);
  });
});
