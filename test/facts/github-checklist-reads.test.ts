// The checklist's staging-deployed fact, read from GitHub: the default branch's head deployed to
// staging counts even after GitHub's auto_inactive made it inactive, which another app's newer
// success on staging does in a monorepo (src/policy/deploy/history-state.ts).
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { headAutoFacts } from "../../src/facts/github/checklist-reads.js";
import type { GitHub } from "../../src/github/client.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo = { owner: "acme", repo: "mono" };
const self = async () => ({ login: "release-pilot[bot]" });
const asked = { ci: false, changelog: false, staging: true };
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

const read = () => headAutoFacts(octokit, repo, self, { asked, defaultBranch: "main", changelog: null });

describe("headAutoFacts: staging-deployed", () => {
  it("counts the head's success on staging after another app's newer success made it inactive", async () => {
    expect(await read()).toEqual({ sha: head });
    const api = gh.addDeployment({ ...repo, environment: "staging", ref: head, payload: { app: "api" }, statuses: ["in_progress", "success"] });
    expect(await read()).toEqual({ sha: head, stagingDeployed: true });
    // The web app deploys a commit of its own branch to staging: GitHub makes the api's inactive.
    gh.createBranch(repo.owner, repo.repo, "web-fix", "main");
    gh.commit(repo.owner, repo.repo, "web-fix", { "web/a.js": "x" }, "Fix the web app");
    const web = gh.addDeployment({ ...repo, environment: "staging", ref: "web-fix", payload: { app: "web" }, statuses: ["in_progress"] });
    await octokit.rest.repos.createDeploymentStatus({ ...repo, deployment_id: web, state: "success" });
    const statuses = gh.deployments(repo.owner, repo.repo).find((d) => d.id === api)?.statuses ?? [];
    expect(statuses.map((s) => s.state)).toContain("inactive");
    expect(await read()).toEqual({ sha: head, stagingDeployed: true });
  });
});
