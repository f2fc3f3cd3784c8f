// Every action kind carried out against the emulator's real state, twice: the second run must
// find each effect and write nothing. This is the executor's promise to a redelivered webhook.
import { ProbotOctokit } from "probot";
import { fixedIdentity } from "../../src/github/identity.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execute } from "../../src/github/execute.js";
import type { GitHub } from "../../src/github/client.js";
import type { Action, CommitFiles, Plan, RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { deployWorkflow } from "../emulator/workflow-files.js";

const repo: RepoRef = { owner: "acme", repo: "service" };
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const self = fixedIdentity({ login: "release-pilot[bot]" });
let emulator: Emulator;
let octokit: GitHub;
let head: string;

beforeAll(async () => {
  emulator = await startEmulator();
  head = emulator.createRepo({ ...repo, files: { "CHANGES.rst": "Changelog\n=========\n", ".github/workflows/deploy.yml": deployWorkflow(["tag"]) } }).headSha;
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

function planOf(...actions: Action[]): Plan {
  return { reason: "planned", summary: "test", actions };
}

async function twice(plan: Plan) {
  const first = await execute(plan, { octokit, log, self });
  emulator.resetCalls();
  const second = await execute(plan, { octokit, log, self });
  return { first, second, writesOnSecondRun: emulator.counts().writes };
}

const now = "2026-01-01T00:00:00Z";
const cases: [string, () => Action[]][] = [
  [
    "open-pull-request",
    () => [
      {
        kind: "open-pull-request",
        key: "pr",
        repo,
        branch: "changelog/x",
        base: "main",
        title: "T",
        body: "B",
        commitMessage: "M",
        files: [{ path: "a.md", content: "# a\n" }],
        labels: ["skip-changelog"],
      },
    ],
  ],
  [
    "commit-files",
    () => [
      {
        kind: "commit-files",
        key: "commit",
        repo,
        branch: "main",
        message: "Back to development.",
        files: [{ path: "CHANGES.rst", content: "Changelog\n=========\n\n1.0.1 (unreleased)\n------------------\n" }],
      },
    ],
  ],
  [
    "create-issue and comment",
    () => [
      { kind: "create-issue", key: "issue", repo, title: "Release version 1.0.0", body: "- [ ] a", labels: ["release"] },
      { kind: "comment", key: "comment", repo, issueNumber: 1, body: "hello" },
    ],
  ],
  [
    "create-tag, move-tag and create-release",
    () => [
      { kind: "create-tag", key: "tag", repo, tag: "v1.0.0", commit: head, message: "Version 1.0.0" },
      { kind: "move-tag", key: "pointer", repo, tag: "production", commit: head },
      { kind: "create-release", key: "release", repo, tag: "v1.0.0", name: "1.0.0", body: "notes", draft: false, prerelease: false },
    ],
  ],
  [
    "deployment with a workflow dispatch",
    () => [
      {
        kind: "acquire-lock",
        key: "lock",
        repo,
        environment: "staging",
        holder: "octocat",
        reason: "deploy",
        expiresAt: "2026-01-01T01:00:00Z",
        now,
        commit: head,
      },
      { kind: "create-deployment", key: "deploy:staging:1", repo, environment: "staging", ref: head, description: "d", payload: { image_tag: "abc" } },
      { kind: "dispatch-workflow", key: "dispatch", repo, workflow: "deploy.yml", ref: "main", inputs: { tag: "abc" }, deploymentKey: "deploy:staging:1" },
    ],
  ],
  [
    "repository dispatch of a deployment",
    () => [
      { kind: "create-deployment", key: "deploy:production:1", repo, environment: "production", ref: head, description: "d", payload: {} },
      {
        kind: "dispatch-repository-event",
        key: "rd",
        repo,
        eventType: "deploy_production_api",
        clientPayload: { actor: "a", tag: "rel-1" },
        deploymentKey: "deploy:production:1",
      },
    ],
  ],
  [
    "check-run",
    () => [
      {
        kind: "check-run",
        key: "config",
        repo,
        headSha: head,
        name: "Release Pilot config",
        conclusion: "success",
        title: "ok",
        summary: "fine",
        annotations: [],
      },
    ],
  ],
];

describe("the executor carries out a plan once, however often it runs", () => {
  it.each(cases)("%s: the second run finds every effect and writes nothing", async (_name, actions) => {
    const { first, second, writesOnSecondRun } = await twice(planOf(...actions()));
    expect(first.map((effect) => effect.status)).toEqual(actions().map(() => "done"));
    expect(second.map((effect) => effect.status)).toEqual(actions().map(() => "already-done"));
    expect(writesOnSecondRun).toBe(0);
  });

  it("passes the deployment id to the dispatched workflow", () => {
    const [dispatch] = emulator.workflowDispatches;
    expect(dispatch?.inputs).toMatchObject({ tag: "abc", deployment_id: expect.stringMatching(/^\d+$/) });
    expect(emulator.workflowDispatches).toHaveLength(1);
    expect(emulator.repositoryDispatches).toHaveLength(1);
  });

  it("refuses a lock held by another deploy until it expires", async () => {
    const other: Action = {
      kind: "acquire-lock",
      key: "other",
      repo,
      environment: "staging",
      holder: "hubot",
      reason: "mine",
      expiresAt: "2026-01-01T02:00:00Z",
      now,
      commit: head,
    };
    // Contention is an answer (#13): the held lock's holder and reason, and nothing after it runs.
    await expect(execute(planOf(other), { octokit, log, self })).resolves.toMatchObject([{ status: "held", held: { holder: "octocat", reason: "deploy" } }]);
    const later = { ...other, now: "2026-01-01T01:30:00Z" };
    await expect(execute(planOf(later), { octokit, log, self })).resolves.toMatchObject([{ status: "done" }]);
  });

  it("frees only the lock its own deploy took", async () => {
    const notMine: Action = { kind: "release-lock", key: "free-1", repo, environment: "staging", holderKey: "lock" };
    await execute(planOf(notMine), { octokit, log, self });
    expect(emulator.refs(repo.owner, repo.repo).map((ref) => ref.ref)).toContain("refs/heads/release-pilot/lock/staging");
    const mine: Action = { ...notMine, key: "free-2", holderKey: "other" };
    await execute(planOf(mine), { octokit, log, self });
    expect(emulator.refs(repo.owner, repo.repo).map((ref) => ref.ref)).not.toContain("refs/heads/release-pilot/lock/staging");
  });

  it("labels a pull request that an earlier run opened but failed to label", async () => {
    const pr: Action = {
      kind: "open-pull-request",
      key: "pr-unlabelled",
      repo,
      branch: "changelog/y",
      base: "main",
      title: "Y",
      body: "B",
      commitMessage: "M",
      files: [{ path: "y.md", content: "# y\n" }],
      labels: ["skip-changelog"],
    };
    emulator.createBranch(repo.owner, repo.repo, "changelog/y");
    const number = emulator.openPullRequest({ ...repo, head: "changelog/y", base: "main", title: "Y" });
    await expect(execute(planOf(pr), { octokit, log, self })).resolves.toMatchObject([{ status: "done" }]);
    expect(emulator.pulls(repo.owner, repo.repo).find((p) => p.number === number)?.labels).toEqual(["skip-changelog"]);
  });

  it("refuses to move a release tag that names another commit", async () => {
    const moved = emulator.commit(repo.owner, repo.repo, "main", { "x.txt": "x" }, "x");
    const retag: Action = { kind: "create-tag", key: "tag-again", repo, tag: "v1.0.0", commit: moved, message: "Version 1.0.0" };
    await expect(execute(planOf(retag), { octokit, log, self })).rejects.toThrow(/already exists on another commit/);
  });
});

describe("a release the handler already knew to be absent", () => {
  const release = (tag: string, draft: boolean): Action => ({
    kind: "create-release",
    key: `known:${tag}`,
    repo,
    tag,
    name: tag,
    body: "notes",
    draft,
    prerelease: false,
    knownAbsent: true,
  });

  it("is created without listing the releases again", async () => {
    emulator.resetCalls();
    const result = await execute(planOf(release("v3.0.0", true)), { octokit, log, self });
    expect(result.map((e) => e.status)).toEqual(["done"]);
    expect(emulator.calls.map((call) => `${call.method} ${call.route}`)).toEqual(["POST /repos/{owner}/{repo}/releases"]);
  });

  it("is found when someone published it since: GitHub's 422 leads to the existing one", async () => {
    const first = await execute(planOf(release("v3.1.0", false)), { octokit, log, self });
    const second = await execute(planOf(release("v3.1.0", false)), { octokit, log, self });
    expect(second).toEqual([expect.objectContaining({ status: "already-done", id: first[0]?.id })]);
    expect(emulator.releases(repo.owner, repo.repo).filter((r) => r.tag_name === "v3.1.0")).toHaveLength(1);
  });
});

describe("a commit on the parent the plan names", () => {
  const commitOn = (parent: string, content: string): CommitFiles => ({
    kind: "commit-files",
    key: `on-parent:${content}`,
    repo,
    branch: "main",
    message: `Set ${content}`,
    files: [{ path: "PARENT.txt", content }],
    parent,
  });

  it("moves the branch without reading it first, and a rerun finds it made", async () => {
    const start = emulator.sha(repo.owner, repo.repo, "main")!;
    emulator.resetCalls();
    const [made] = await execute(planOf(commitOn(start, "one\n")), { octokit, log, self });
    expect(made).toMatchObject({ status: "done", tree: expect.any(String) });
    expect(emulator.calls.map((call) => `${call.method} ${call.route}`)).not.toContain("GET /repos/{owner}/{repo}/git/ref/{ref}");
    // GitHub stamps each commit with the time it is made, so a rerun's commit is a new object
    // (a changed message stands for that here): the unforced update is refused and the changes
    // are found in place.
    const [again] = await execute(planOf({ ...commitOn(start, "one\n"), message: "Set one, again" }), { octokit, log, self });
    expect(again).toMatchObject({ status: "already-done", sha: made?.sha });
    expect(emulator.sha(repo.owner, repo.repo, "main")).toBe(made?.sha);
  });

  it("refuses when someone pushed other changes since the handler read the head", async () => {
    const stale = emulator.sha(repo.owner, repo.repo, "main")!;
    const theirs = emulator.commit(repo.owner, repo.repo, "main", { "OTHER.txt": "x" }, "Someone else's push", "bob");
    await expect(execute(planOf(commitOn(stale, "two\n")), { octokit, log, self })).rejects.toThrow();
    expect(emulator.sha(repo.owner, repo.repo, "main")).toBe(theirs);
  });

  it("builds a second commit on the first's tree without reading that commit", async () => {
    const start = emulator.sha(repo.owner, repo.repo, "main")!;
    const first = commitOn(start, "three\n");
    const second: Action = { ...commitOn(start, "four\n"), key: "on-parent:second", parent: { fromAction: first.key } };
    emulator.resetCalls();
    await execute(planOf(first, second), { octokit, log, self });
    expect(emulator.calls.filter((call) => call.route === "/repos/{owner}/{repo}/git/commits/{commit_sha}")).toHaveLength(1);
    expect(emulator.file(repo.owner, repo.repo, "main", "PARENT.txt")).toBe("four\n");
  });
});

describe("a deploy's lock, asked for again after the deploy finished", () => {
  it("is not taken again, since the outcome that frees it has come and gone", async () => {
    const deployKey = `deploy:qa:${head}:comment-7`;
    const lock: Action = {
      kind: "acquire-lock",
      key: `lock:qa:${deployKey}`,
      repo,
      environment: "qa",
      holder: "octocat",
      reason: "deploy",
      expiresAt: "2026-01-01T01:00:00Z",
      now,
      commit: head,
      deploymentKey: deployKey,
    };
    const deployment: Action = { kind: "create-deployment", key: deployKey, repo, environment: "qa", ref: head, description: "d", payload: {} };
    const first = await execute(planOf(lock, deployment), { octokit, log, self });
    const id = first[1]?.id;
    await execute(planOf({ kind: "release-lock", key: "free", repo, environment: "qa" }), { octokit, log, self });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: id!, state: "success" });
    const again = await execute(planOf(lock, deployment), { octokit, log, self });
    expect(again.map((effect) => effect.status)).toEqual(["already-done", "already-done"]);
    expect(emulator.refs(repo.owner, repo.repo).map((ref) => ref.ref)).not.toContain("refs/heads/release-pilot/lock/qa");
  });
});
