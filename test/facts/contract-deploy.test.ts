// The deploy facts hold to one contract, as the JobQueue's SQLite and Redis do: the same world,
// read from the emulator through the GitHub source and from the facts file `factsFrom` makes of
// that world through the JSON source, gives the same answers. A fact either source reads
// differently would make `release-pilot plan` promise what the bot does not do.
import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { GitHub } from "../../src/github/client.js";
import { execute } from "../../src/github/execute.js";
import { fixedIdentity } from "../../src/github/identity.js";
import type { LoadedConfig } from "../../src/facts/config.js";
import { checkConfigText } from "../../src/policy/config-check.js";
import type { Action, RepoRef } from "../../src/policy/plan.js";
import { factsFrom } from "../e2e/plan-matches-world.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const repo: RepoRef = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const configText = readFileSync(new URL("../../examples/greenweb.yml", import.meta.url), "utf8");
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
let gh: Emulator;
let github: FactSource;
let json: FactSource;
let head: string;
let older: string;
let mergeCommit: string;
let octokitOf: GitHub;
let selfOf: ReturnType<typeof fixedIdentity>;
const key = (n: number) => `deploy:staging:${n}`;

function loaded(): LoadedConfig {
  const { config } = checkConfigText(configText, `${repo.owner}/${repo.repo}`);
  if (config === undefined) throw new Error("the example config is invalid");
  return { kind: "ok", config, warnings: [] };
}

beforeAll(async () => {
  gh = await startEmulator();
  const seeded = gh.createRepo({ ...repo, defaultBranch: "master", files: { ".github/release-pilot.yml": configText, ...workflowsFor(configText) } });
  older = seeded.headSha;
  gh.setPermission(repo.owner, repo.repo, "fershad", "write");
  mergeCommit = gh.addMergedPullRequest({ ...repo, title: "Fix", author: "fershad", files: { "fix.txt": "y" } }).mergeCommitSha;
  head = gh.commit(repo.owner, repo.repo, "master", { "CHANGES.md": "x" }, "Change");
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  const self = fixedIdentity({ login: gh.state.botUser.login });
  const at = { owner: repo.owner, repo: repo.repo, environment: "staging" };
  gh.addDeployment({ ...at, ref: older, payload: { release_pilot_key: key(1), image_tag: "img-1", requested_by: "fershad" }, statuses: ["success"] });
  gh.addDeployment({ ...at, ref: head, payload: { release_pilot_key: key(2), requested_by: "fershad" }, statuses: ["failure"] });
  // Waiting in the queue: this app's, queued behind the running deploy, with no status yet.
  gh.addDeployment({ ...at, ref: head, payload: { release_pilot_key: key(3), queued_behind: key(2), dispatch: "{}", lock_ms: 60_000 } });
  // Someone else's deployment is no fact of this app's, whatever key its payload carries.
  gh.addDeployment({ ...at, ref: head, payload: { release_pilot_key: key(4) }, statuses: ["success"], creator: "mallory" });
  gh.addCheckRun(repo.owner, repo.repo, head, "tests", "success");
  gh.addCheckRun(repo.owner, repo.repo, head, "migrations", null);
  // CI outside GitHub Apps: Jenkins passed after a failure, a scanner is still going.
  gh.addCommitStatus(repo.owner, repo.repo, head, "ci/jenkins", "failure");
  gh.addCommitStatus(repo.owner, repo.repo, head, "ci/jenkins", "success");
  gh.addCommitStatus(repo.owner, repo.repo, head, "security/scan", "pending");
  const lock: Action = {
    kind: "acquire-lock",
    key: "lock:staging:deploy",
    repo,
    environment: "staging",
    holder: "fershad",
    reason: "deploying",
    expiresAt: "2099-01-01T00:00:00Z",
    now: "2026-01-01T00:00:00Z",
    commit: head,
    // A deploy still running: a finished one's lock is not taken again (lock.ts).
    deploymentKey: key(5),
  };
  await execute({ reason: "planned", summary: "lock", actions: [lock] }, { octokit, log, self });
  octokitOf = octokit;
  selfOf = self;
  github = githubFacts({ octokit, repo, self }, async () => loaded());
  json = jsonFacts({
    facts: factsFrom(gh, repo.owner, repo.repo, { sender: "fershad", sha: head }),
    assumed: new Assumptions(),
    repo,
    config: loaded(),
    defaultBranch: "master",
    permissionFallback: "write",
  });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

/** What both sources can know: GitHub's status times and app ids are not in the facts file. */
function comparable<T extends object>(value: T | undefined): Omit<T, "latestAt" | "appId"> | undefined {
  if (value === undefined) return undefined;
  const { latestAt: _at, appId: _app, ...rest } = value as T & { latestAt?: unknown; appId?: unknown };
  return rest;
}

describe("DeployFacts: the emulator through GitHub and its facts file through JSON answer alike", () => {
  it("deploymentHistory: this app's deployments of staging, newest first", async () => {
    const fromGitHub = await github.deploymentHistory("staging");
    expect(fromGitHub.map((record) => record.state)).toEqual(["pending", "failure", "success"]);
    expect(await json.deploymentHistory("staging")).toEqual(fromGitHub);
  });

  it("queuedDeployments: the deploy waiting behind the running one", async () => {
    const fromGitHub = await github.queuedDeployments("staging");
    expect(fromGitHub).toHaveLength(1);
    expect(fromGitHub[0]?.payload).toMatchObject({ queued_behind: key(2) });
    expect(await json.queuedDeployments("staging")).toEqual(fromGitHub);
  });

  it("deploymentsCreatedBetween: this app's deployments of the window, with their newest status", async () => {
    const fromGitHub = (await github.deploymentsCreatedBetween("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")).map(comparable);
    expect(fromGitHub.map((fact) => fact?.latestState)).toEqual(expect.arrayContaining(["success", "failure", undefined]));
    expect(fromGitHub).toHaveLength(3);
    expect(await github.deploymentsCreatedBetween("2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z")).toEqual([]);
    expect(await json.deploymentsCreatedBetween("2000-01-01T00:00:00Z", "2000-01-02T00:00:00Z")).toEqual([]);
    const fromJson = (await json.deploymentsCreatedBetween("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")).map(comparable);
    expect(fromJson).toEqual(expect.arrayContaining(fromGitHub));
    expect(fromJson).toHaveLength(fromGitHub.length);
  });

  it("deploymentWithKey and deploymentById: one deployment, and none for someone else's key", async () => {
    const fromGitHub = await github.deploymentWithKey("staging", key(1));
    expect(fromGitHub).toMatchObject({ sha: older, latestState: "success", payload: { image_tag: "img-1" } });
    expect(comparable(await json.deploymentWithKey("staging", key(1)))).toEqual(comparable(fromGitHub));
    expect(await github.deploymentWithKey("staging", key(4))).toBeUndefined();
    expect(await json.deploymentWithKey("staging", key(4))).toBeUndefined();
    expect(comparable(await json.deploymentById(fromGitHub?.id ?? 0))).toEqual(comparable(await github.deploymentById(fromGitHub?.id ?? 0)));
  });

  it("hasDeployed: this app deployed the commit to staging, and nothing to production", async () => {
    expect(await github.hasDeployed("staging", head)).toBe(true);
    expect(await json.hasDeployed("staging", head)).toBe(true);
    expect(await github.hasDeployed("production", head)).toBe(false);
    expect(await json.hasDeployed("production", head)).toBe(false);
  });

  it("currentLock and lockOfScope: the running deploy's lock on staging, none on production", async () => {
    const fromGitHub = await github.currentLock("staging");
    expect(fromGitHub).toMatchObject({ holder: "fershad", deploymentKey: key(5) });
    // The facts file holds what policy reads of a lock; GitHub's message says when and by which key too.
    const fromJson = await json.currentLock("staging");
    expect(fromJson).toEqual({ holder: "fershad", reason: "deploying", expiresAt: "2099-01-01T00:00:00Z", deploymentKey: key(5) });
    expect(fromGitHub).toMatchObject(fromJson ?? {});
    expect(await json.lockOfScope("production")).toEqual(await github.lockOfScope("production"));
  });

  it("branchHead and checkRunsSeen: the branch's commit and the newest run of each check on it", async () => {
    expect(await json.branchHead("master")).toBe(await github.branchHead("master"));
    const fromGitHub = (await github.checkRunsSeen(head)).map(comparable);
    expect(fromGitHub).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: "tests", conclusion: "success" }),
        expect.objectContaining({ name: "migrations", status: "in_progress" }),
      ]),
    );
    expect((await json.checkRunsSeen(head)).map(comparable)).toEqual(expect.arrayContaining(fromGitHub));
  });

  it("commitStatuses: the latest status of each context on the commit, and none on a commit without", async () => {
    const fromGitHub = await github.commitStatuses(head);
    expect(fromGitHub).toEqual([
      { context: "ci/jenkins", state: "success" },
      { context: "security/scan", state: "pending" },
    ]);
    expect(await json.commitStatuses(head)).toEqual(fromGitHub);
    const bare = jsonFacts({
      facts: factsFrom(gh, repo.owner, repo.repo, { sender: "fershad", sha: older }),
      assumed: new Assumptions(),
      repo,
      config: loaded(),
      defaultBranch: "master",
      permissionFallback: "write",
    });
    expect(await github.commitStatuses(older)).toEqual([]);
    expect(await bare.commitStatuses(older)).toEqual([]);
  });

  it("mergedPullAssociation: the author of the pull request whose merge made the commit, and none for a direct commit", async () => {
    const facts = factsFrom(gh, repo.owner, repo.repo, { sender: "fershad", sha: mergeCommit });
    const merged = jsonFacts({ facts, assumed: new Assumptions(), repo, config: loaded(), defaultBranch: "master", permissionFallback: "write" });
    const fromGitHub = await githubFacts({ octokit: octokitOf, repo, self: selfOf }, async () => loaded()).mergedPullAssociation(mergeCommit);
    expect(fromGitHub).toBe("COLLABORATOR");
    expect(await merged.mergedPullAssociation(mergeCommit)).toBe(fromGitHub);
    expect(await github.mergedPullAssociation(head)).toBeUndefined();
    expect(await json.mergedPullAssociation(head)).toBeUndefined();
  });
});
