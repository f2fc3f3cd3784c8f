// Issue #14 item 4: an action on another repository than the event's is carried out with a token
// of that repository's installation, found with the app's JWT, and fails with one sentence naming
// the repository when the app is not installed there. The emulator binds each installation token
// to its installation's repositories, as GitHub does, so a runner that used the event's token for
// another installation's repository would be refused.
import { generateKeyPairSync } from "node:crypto";
import { Probot, ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { failureOf } from "../../src/executor/failure.js";
import type { GitHub } from "../../src/github/client.js";
import { ActionFailedError, execute } from "../../src/github/execute.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { octokitsByRepo } from "../../src/github/installations.js";
import type { Action, Plan, RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const home: RepoRef = { owner: "acme", repo: "web" };
const sibling: RepoRef = { owner: "acme", repo: "docs" };
const infra: RepoRef = { owner: "acme-infra", repo: "deploy" };
const absent: RepoRef = { owner: "elsewhere", repo: "tools" };
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const self = fixedIdentity({ login: "release-pilot[bot]" });
const now = "2026-01-01T00:00:00Z";
const { privateKey } = generateKeyPairSync("rsa", {
  modulusLength: 2048,
  privateKeyEncoding: { type: "pkcs1", format: "pem" },
  publicKeyEncoding: { type: "spki", format: "pem" },
});

let gh: Emulator;
let probot: Probot;
let event: GitHub;
let infraHead: string;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...home });
  gh.createRepo({ ...sibling });
  infraHead = gh.createRepo({
    ...infra,
    files: { ".github/workflows/deploy.yml": "on:\n  workflow_dispatch:\n    inputs:\n      tag: { required: true }\n", "pins.txt": "web==1.0.0\n" },
  }).headSha;
  gh.addInstallation({ id: 2, account: infra.owner, repositories: "all" });
  gh.createRepo({ ...absent, installationId: null });
  probot = new Probot({
    appId: 1,
    privateKey,
    baseUrl: `${gh.url}/api/v3`,
    Octokit: ProbotOctokit.defaults({ retry: { enabled: false }, throttle: { enabled: false } }),
    logLevel: "fatal",
  });
  event = (await probot.auth(1)) as GitHub;
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

beforeEach(() => gh.resetCalls());

/** What the event's run carries out with: the event's client, and a lookup per other repository. */
function run(plan: Plan) {
  const octokitFor = octokitsByRepo({ octokit: event, repo: home, installationId: 1, appAuth: (id) => probot.auth(id) as Promise<GitHub> });
  return execute(plan, { octokit: event, octokitFor, log, self });
}

function planOf(...actions: Action[]): Plan {
  return { reason: "planned", summary: "test", actions };
}

/** Each write's repository and the installation whose token made it. */
function writes(): string[] {
  return gh.calls
    .filter((c) => c.write && !c.route.startsWith("/app"))
    .map((c) => `${c.path.split("/").slice(2, 4).join("/")} ${c.status} by ${c.installation}`);
}

const elsewhere: [string, () => Action[]][] = [
  [
    "open-pull-request (a downstream pin)",
    () => [
      {
        kind: "open-pull-request",
        key: "pin",
        repo: infra,
        branch: "release-pilot/pin-web-1.1.0",
        base: "main",
        title: "Raise web to 1.1.0",
        body: "B",
        commitMessage: "Raise web to 1.1.0",
        files: [{ path: "pins.txt", content: "web==1.1.0\n" }],
        labels: ["dependencies"],
      },
    ],
  ],
  ["commit-files", () => [{ kind: "commit-files", key: "commit", repo: infra, branch: "main", message: "M", files: [{ path: "a.txt", content: "a\n" }] }]],
  [
    "create-issue and comment",
    () => [
      { kind: "create-issue", key: "issue", repo: infra, title: "T", body: "B", labels: [] },
      { kind: "comment", key: "comment", repo: infra, issueNumber: 2, body: "hello" },
    ],
  ],
  [
    "create-tag, move-tag and create-release",
    () => [
      { kind: "create-tag", key: "tag", repo: infra, tag: "v1.0.0", commit: infraHead, message: "Version 1.0.0" },
      { kind: "move-tag", key: "pointer", repo: infra, tag: "production", commit: infraHead },
      { kind: "create-release", key: "release", repo: infra, tag: "v1.0.0", name: "1.0.0", body: "notes", draft: false, prerelease: false },
    ],
  ],
  [
    "acquire-lock, create-deployment and release-lock",
    () => [
      {
        kind: "acquire-lock",
        key: "lock",
        repo: infra,
        environment: "staging",
        holder: "octocat",
        reason: "r",
        expiresAt: "2026-01-01T01:00:00Z",
        now,
        commit: infraHead,
      },
      { kind: "create-deployment", key: "deploy:staging:infra", repo: infra, environment: "staging", ref: infraHead, description: "d", payload: {} },
      { kind: "release-lock", key: "unlock", repo: infra, environment: "staging" },
    ],
  ],
  [
    "check-run",
    () => [{ kind: "check-run", key: "check", repo: infra, headSha: infraHead, name: "N", conclusion: "success", title: "t", summary: "s", annotations: [] }],
  ],
  ["dispatch-workflow", () => [{ kind: "dispatch-workflow", key: "dispatch", repo: infra, workflow: "deploy.yml", ref: "main", inputs: { tag: "v1" } }]],
  [
    "a deployment here dispatched there (repository_dispatch)",
    () => [
      { kind: "create-deployment", key: "deploy:production:1", repo: home, environment: "production", ref: "main", description: "d", payload: {} },
      { kind: "dispatch-repository-event", key: "rd", repo: infra, eventType: "deploy", clientPayload: { tag: "v1" }, deploymentKey: "deploy:production:1" },
    ],
  ],
];

describe("an action on another installation's repository", () => {
  it.each(elsewhere)("%s: is carried out with that installation's token", async (_name, actions) => {
    const effects = await run(planOf(...actions()));
    expect(effects.map((effect) => effect.status)).toEqual(actions().map(() => "done"));
    const made = writes();
    expect(made.filter((w) => w.startsWith("acme-infra/deploy"))).not.toEqual([]);
    expect(made.filter((w) => w.startsWith("acme-infra/deploy") && !/ 20\d by 2$/.test(w))).toEqual([]);
    expect(made.filter((w) => w.startsWith("acme/web") && !/ 20\d by 1$/.test(w))).toEqual([]);
    // Looked up once for the run, however many actions and calls go there.
    expect(gh.calls.filter((c) => c.route === "/repos/{owner}/{repo}/installation")).toHaveLength(1);
  });

  it("is refused by GitHub when made with the event's token instead", async () => {
    const issue: Action = { kind: "create-issue", key: "with-the-wrong-token", repo: infra, title: "Wrong token", body: "B", labels: [] };
    await expect(execute(planOf(issue), { octokit: event, log, self })).rejects.toThrow(/Resource not accessible by integration/);
    expect(gh.issues(infra.owner, infra.repo).map((i) => i.title)).not.toContain("Wrong token");
  });

  it("in the event's own installation is carried out with the event's token, without a new one", async () => {
    await run(planOf({ kind: "create-issue", key: "sibling-issue", repo: sibling, title: "T", body: "B", labels: [] }));
    expect(writes()).toEqual(["acme/docs 201 by 1"]);
    expect(gh.calls.filter((c) => c.route.startsWith("/app/installations"))).toEqual([]);
  });
});

describe("an action on a repository the app is not installed on", () => {
  it("fails with one sentence naming the repository, what it blocked and the fix, and writes nothing there", async () => {
    const plan = planOf(
      { kind: "create-deployment", key: "deploy:production:2", repo: home, environment: "production", ref: "main", description: "d", payload: {} },
      { kind: "dispatch-workflow", key: "dispatch-absent", repo: absent, workflow: "deploy.yml", ref: "main", inputs: {} },
    );
    const error = await run(plan).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(ActionFailedError);
    expect((error as Error).message).toContain(
      "Release Pilot is not installed on elsewhere/tools, so it cannot dispatch deploy.yml there: install the app on elsewhere/tools",
    );
    // A 404 as GitHub gave it: a dispatch refused for good, not a failure a retry could fix.
    expect(failureOf(error as ActionFailedError)).toMatchObject({ status: 404 });
    expect(writes().filter((w) => w.startsWith("elsewhere/"))).toEqual([]);
    expect(gh.workflowDispatches.filter((d) => d.owner === absent.owner)).toEqual([]);
  });
});
