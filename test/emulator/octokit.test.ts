// The emulator as Octokit sees it: Octokit encodes path parameters, follows Link headers and
// asks for raw media types its own way, so these go through a real client, not fetch.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "./index.js";
import { workflowsFor } from "./workflow-files.js";

let gh: Emulator;
let octokit: InstanceType<typeof ProbotOctokit>;
const repo = { owner: "acme", repo: "api" };

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...repo, files: { ".github/release-pilot.yml": "tag: v{version}\n", ...workflowsFor("tag: v{version}\n"), "src/app.py": "x = 1\n" } });
  octokit = new ProbotOctokit({ auth: { token: "test" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("the emulator through Octokit", () => {
  it("reads the config file with octokit.config.get, which uses the raw media type", async () => {
    const { config } = await octokit.config.get({ ...repo, path: ".github/release-pilot.yml" });
    expect(config).toEqual({ tag: "v{version}" });
  });

  it("follows Link headers when paginating", async () => {
    for (let i = 0; i < 5; i += 1) gh.addIssue({ ...repo, title: `issue ${i}`, labels: ["release"] });
    const issues = await octokit.paginate(octokit.rest.issues.listForRepo, { ...repo, labels: "release", per_page: 2 });
    expect(issues).toHaveLength(5);
  });

  it("resolves refs with slashes that Octokit percent-encodes", async () => {
    gh.createBranch(repo.owner, repo.repo, "release/v2.6");
    const { data } = await octokit.rest.git.getRef({ ...repo, ref: "heads/release/v2.6" });
    expect(data.ref).toBe("refs/heads/release/v2.6");
  });

  it("lists merged pull requests and the files a comparison changed", async () => {
    const base = gh.sha(repo.owner, repo.repo, "main") ?? "";
    gh.addMergedPullRequest({ ...repo, title: "Add search", labels: ["feature"], author: "alice", files: { "src/search.py": "def search(): ...\n" } });
    const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${base}...main` });
    expect(data.files?.map((f) => f.filename)).toEqual(["src/search.py"]);
    expect(data.commits.map((c) => c.commit.message)).toEqual(["Add search (#6)"]);
    const pulls = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: data.commits[0]?.sha ?? "" });
    expect(pulls.data[0]).toMatchObject({ title: "Add search", merged_at: expect.any(String), user: { login: "alice" } });
  });

  it("refuses a deployment while a check on the commit is failing, unless no contexts are required", async () => {
    const sha = gh.sha(repo.owner, repo.repo, "main") ?? "";
    gh.addCheckRun(repo.owner, repo.repo, sha, "tests", "failure");
    await expect(octokit.rest.repos.createDeployment({ ...repo, ref: "main", environment: "staging" })).rejects.toMatchObject({ status: 409 });
    const { data } = await octokit.rest.repos.createDeployment({
      ...repo,
      ref: "main",
      environment: "staging",
      required_contexts: [],
      payload: { version: "1.0.0" },
    });
    expect(data).toMatchObject({ sha, environment: "staging", payload: { version: "1.0.0" } });
  });

  it("names the app that made each check run: GitHub Actions for seeded CI, the app for its own", async () => {
    const sha = gh.sha(repo.owner, repo.repo, "main") ?? "";
    gh.addCheckRun(repo.owner, repo.repo, sha, "lint", "success");
    await octokit.rest.checks.create({
      ...repo,
      name: "Release Pilot: deploy staging",
      head_sha: sha,
      external_id: "held",
      status: "completed",
      conclusion: "neutral",
    });
    const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, filter: "latest" });
    const apps = Object.fromEntries(data.check_runs.map((run) => [run.name, run.app?.slug]));
    expect(apps).toMatchObject({ lint: "github-actions", "Release Pilot: deploy staging": "release-pilot" });
  });

  it("creates and reads back an annotated tag", async () => {
    const sha = gh.sha(repo.owner, repo.repo, "main") ?? "";
    const tag = await octokit.rest.git.createTag({ ...repo, tag: "v1.0.0", message: "1.0.0", object: sha, type: "commit" });
    await octokit.rest.git.createRef({ ...repo, ref: "refs/tags/v1.0.0", sha: tag.data.sha });
    expect(gh.tags(repo.owner, repo.repo)).toEqual([{ name: "v1.0.0", sha: tag.data.sha, commit: sha, annotated: true, message: "1.0.0" }]);
    const { data } = await octokit.rest.repos.getCommit({ ...repo, ref: "v1.0.0" });
    expect(data.sha).toBe(sha);
  });
});
