// The StatusFacts contract: what /status, the dashboard and the config check read is the same
// whether it comes from GitHub (here the emulator, through githubFacts) or from a facts file made
// of the same state (jsonFacts), as the JobQueue contract test holds SQLite and Redis to one answer.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions, PlanFacts } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { GitHub } from "../../src/github/client.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { CONFIG_PATH } from "../../src/policy/config-check.js";
import { DASHBOARD_LABELS, DASHBOARD_MARKER, dashboardOf } from "../../src/policy/dashboard/index.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const owner = "acme";
const repo = "service";
const BOT = "release-pilot[bot]";
const CHECKLIST_LABELS = ["release"];
const CONFIG = "environments:\n  staging: {}\n";
const WORKFLOW = ".github/workflows/deploy.yml";
const WORKFLOW_TEXT = "on: workflow_dispatch\n";
let gh: Emulator;
let github: FactSource;
let json: FactSource;
let pullNumber: number;
let headSha: string;

/** The repository's address as the emulator answers it in `html_url`. */
function web(emulator: Emulator): string {
  return `${emulator.url}/${owner}/${repo}`;
}

/** The emulator's state as a facts file: what `release-pilot plan --facts` would be given. */
function factsFrom(emulator: Emulator): PlanFacts {
  const deployments: NonNullable<PlanFacts["deployments"]> = {};
  for (const d of [...emulator.deployments(owner, repo)].sort((a, b) => b.id - a.id)) {
    const latest = [...d.statuses].sort((a, b) => b.id - a.id)[0]?.state ?? "pending";
    const payload = (typeof d.payload === "object" && d.payload !== null ? d.payload : {}) as Record<string, unknown>;
    (deployments[d.environment] ??= []).push({
      id: d.id,
      sha: d.sha,
      ref: d.ref,
      state: latest as "success",
      createdAt: d.created_at,
      creator: d.creator.login,
      ...(typeof payload["image_tag"] === "string" ? { imageTag: payload["image_tag"] } : {}),
      ...(typeof payload["app"] === "string" ? { app: payload["app"] } : {}),
      ...(typeof payload["requested_by"] === "string" ? { requestedBy: payload["requested_by"] } : {}),
    });
  }
  const issues = emulator.issues(owner, repo).filter((issue) => issue.state === "open" && !("pull_request" in issue && issue.pull_request));
  const dashboard = issues.find((issue) => issue.user.login === BOT && (issue.body ?? "").includes(DASHBOARD_MARKER));
  const pulls = emulator.pulls(owner, repo).filter((pull) => pull.state === "closed");
  const open = emulator.pulls(owner, repo).find((pull) => pull.number === pullNumber);
  return PlanFacts.parse({
    appLogin: BOT,
    deployments,
    releases: emulator.releases(owner, repo).map((release) => ({
      id: release.id,
      tag: release.tag_name,
      url: `${web(emulator)}/releases/${release.draft ? `untagged-${release.id}` : `tag/${release.tag_name}`}`,
      draft: release.draft,
      publishedAt: release.published_at,
    })),
    pulls: pulls.map((pull) => ({
      number: pull.number,
      title: pull.title,
      url: `${web(emulator)}/pull/${pull.number}`,
      labels: pull.labels,
      mergedAt: pull.merged_at,
    })),
    checklists: issues
      .filter((issue) => CHECKLIST_LABELS.every((label) => issue.labels.includes(label)))
      .map((issue) => ({ number: issue.number, title: issue.title, url: `${web(emulator)}/issues/${issue.number}`, body: issue.body ?? "" })),
    dashboard: dashboard === undefined ? null : { number: dashboard.number, body: dashboard.body ?? "" },
    pullFiles: open === undefined ? [] : [{ filename: CONFIG_PATH, status: "added" }],
    files: {
      [CONFIG_PATH]: emulator.file(owner, repo, headSha, CONFIG_PATH) ?? "",
      [WORKFLOW]: emulator.file(owner, repo, headSha, WORKFLOW) ?? "",
      "README.md": emulator.file(owner, repo, headSha, "README.md") ?? "",
    },
  });
}

beforeAll(async () => {
  gh = await startEmulator();
  const seeded = gh.createRepo({ owner, repo, files: { "README.md": "x", [WORKFLOW]: WORKFLOW_TEXT } });
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  // Staging: api's newest deploy failed after an older success; web was deployed with the whole
  // environment; someone else's newer "success" claims api too and is no part of it.
  gh.addDeployment({ owner, repo, environment: "staging", ref: seeded.defaultBranch, payload: { requested_by: "ann" }, statuses: ["success"] });
  gh.addDeployment({ owner, repo, environment: "staging", ref: seeded.defaultBranch, payload: { app: "api", image_tag: "api-1" }, statuses: ["success"] });
  gh.addDeployment({ owner, repo, environment: "staging", ref: seeded.defaultBranch, payload: { app: "api", requested_by: "bob" }, statuses: ["failure"] });
  gh.addDeployment({ owner, repo, environment: "staging", ref: seeded.defaultBranch, payload: { app: "api" }, statuses: ["success"], creator: "mallory" });
  gh.addRelease({ owner, repo, tag: "v1.0.0", publishedAt: "2026-01-01T00:00:00Z" });
  gh.addRelease({ owner, repo, tag: "v1.1.0", draft: true });
  gh.addMergedPullRequest({ owner, repo, title: "Add the thing", labels: ["feature"], mergedAt: "2026-01-02T00:00:00Z" });
  gh.addIssue({ owner, repo, title: "Release 1.1.0", labels: CHECKLIST_LABELS, body: "<!-- release-pilot:checklist v=1.1.0 -->\n- [ ] one" });
  gh.addIssue({ owner, repo, title: "Old release", labels: CHECKLIST_LABELS, body: "done", state: "closed" });
  gh.addIssue({ owner, repo, title: "Release Dashboard", labels: [...DASHBOARD_LABELS], body: `${DASHBOARD_MARKER}\nmine`, author: BOT });
  gh.addIssue({ owner, repo, title: "Release Dashboard", labels: [...DASHBOARD_LABELS], body: `${DASHBOARD_MARKER}\nnot mine`, author: "mallory" });
  gh.createBranch(owner, repo, "config");
  headSha = gh.commit(owner, repo, "config", { [CONFIG_PATH]: CONFIG }, "Configure Release Pilot");
  pullNumber = gh.openPullRequest({ owner, repo, title: "Configure", head: "config" });
  const self = fixedIdentity({ login: BOT });
  github = githubFacts({ octokit, repo: { owner, repo }, self }, () => Promise.resolve({ kind: "missing" }));
  json = jsonFacts({
    facts: factsFrom(gh),
    assumed: new Assumptions(),
    config: { kind: "missing" },
    repo: { owner, repo },
    defaultBranch: seeded.defaultBranch,
    permissionFallback: "write",
  });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("StatusFacts from GitHub and from a facts file agree", () => {
  it("on what this app deployed on an environment, and the failure newer than it", async () => {
    const fromGitHub = await github.deployedOn("staging", ["api", "web"]);
    expect(fromGitHub.deployed["api"]).toMatchObject({ imageTag: "api-1", by: BOT });
    expect(fromGitHub.deployed["web"]).toMatchObject({ by: "ann" });
    expect(fromGitHub.failed["api"]).toMatchObject({ by: "bob" });
    expect(await json.deployedOn("staging", ["api", "web"])).toEqual(fromGitHub);
  });

  it("on an environment nothing was deployed to", async () => {
    const fromGitHub = await github.deployedOn("production", ["api"]);
    expect(fromGitHub).toEqual({ deployed: {}, failed: {} });
    expect(await json.deployedOn("production", ["api"])).toEqual(fromGitHub);
  });

  it("on the releases, drafts included", async () => {
    const fromGitHub = await github.releasePage();
    expect(fromGitHub.map((release) => [release.tag, release.draft])).toEqual(
      expect.arrayContaining([
        ["v1.0.0", false],
        ["v1.1.0", true],
      ]),
    );
    expect(await json.releasePage()).toEqual(expect.arrayContaining(fromGitHub));
    expect((await json.releasePage()).length).toBe(fromGitHub.length);
  });

  it("on the closed pull requests and whether more exist", async () => {
    const fromGitHub = await github.closedPullPage();
    expect(fromGitHub).toMatchObject({ full: false, pulls: [{ title: "Add the thing", labels: ["feature"] }] });
    expect(await json.closedPullPage()).toEqual(fromGitHub);
  });

  it("on the open checklist issues", async () => {
    const fromGitHub = await github.openChecklistIssues(CHECKLIST_LABELS);
    expect(fromGitHub.map((issue) => issue.title)).toEqual(["Release 1.1.0"]);
    const fromJson = await json.openChecklistIssues(CHECKLIST_LABELS);
    // Who wrote a checklist does not matter to /status; the facts file does not say.
    expect(fromJson.map(({ byThisApp: _, ...issue }) => issue)).toEqual(fromGitHub.map(({ byThisApp: _, ...issue }) => issue));
  });

  it("on which open issue is this app's dashboard", async () => {
    const fromGitHub = dashboardOf(await github.openDashboardIssues(DASHBOARD_LABELS));
    expect(fromGitHub?.body).toContain("mine");
    expect(fromGitHub?.body).not.toContain("not mine");
    expect(dashboardOf(await json.openDashboardIssues(DASHBOARD_LABELS))).toEqual(fromGitHub);
  });

  it("on the files a pull request changes and the config at its head", async () => {
    const files = await github.pullRequestFiles(pullNumber);
    expect(files).toEqual([{ filename: CONFIG_PATH, status: "added" }]);
    expect(await json.pullRequestFiles(pullNumber)).toEqual(files);
    expect(await github.configTextAt(headSha)).toBe(CONFIG);
    expect(await json.configTextAt(headSha)).toBe(CONFIG);
    expect(await github.workflowFileAt("deploy.yml", headSha)).toEqual({ text: WORKFLOW_TEXT });
    expect(await json.workflowFileAt("deploy.yml", headSha)).toEqual({ text: WORKFLOW_TEXT });
    expect(await github.repoFileAt("README.md", headSha)).toEqual({ text: "x" });
    expect(await json.repoFileAt("README.md", headSha)).toEqual({ text: "x" });
    expect(await github.repoFileAt("Cargo.toml", headSha)).toEqual({ text: undefined });
  });
});
