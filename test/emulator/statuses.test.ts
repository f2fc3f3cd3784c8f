// Item 9 of issue #14: commit statuses, as GitHub keeps and combines them, and as POST
// deployments verifies them (sources in commit-statuses.ts and routes/statuses.ts).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";
import { MAX_STATUSES_PER_CONTEXT } from "./commit-statuses.js";
import { loadAppPermissions } from "./permissions.js";

let gh: Emulator;
const owner = "acme";
const repo = "web";
const base = `/repos/${owner}/${repo}`;
let jenkins = "";

/** A fresh commit on main, so each test starts from a commit without statuses. */
const commit = (name: string) => gh.commit(owner, repo, "main", { [`${name}.txt`]: `${name}\n` }, name);
const post = (sha: string, body: Record<string, unknown>, token = jenkins) => call(gh, "POST", `${base}/statuses/${sha}`, body, token);
const combined = async (ref: string, query = "") => (await call(gh, "GET", `${base}/commits/${ref}/status${query}`)).json;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { "README.md": "hi\n" } });
  jenkins = gh.userToken("jenkins");
});

beforeEach(() => gh.setAppPermissions(loadAppPermissions()));

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("creating a commit status", () => {
  it("answers 201 with the status as GitHub shapes it, by whoever posted it, context `default` when none is given", async () => {
    const sha = commit("create");
    const res = await post(sha, { state: "pending", target_url: "https://ci.example.com/1", description: "Building" });
    expect(res.status).toBe(201);
    expect(res.json).toMatchObject({
      state: "pending",
      context: "default",
      description: "Building",
      target_url: "https://ci.example.com/1",
      creator: { login: "jenkins" },
      url: expect.stringContaining(`${base}/statuses/${sha}`),
    });
  });

  it("refuses a commit it does not have with 422, and a state outside GitHub's four as a contract violation", async () => {
    const missing = await post("0".repeat(40), { state: "success" });
    expect(missing.status).toBe(422);
    expect(missing.json.message).toBe(`No commit found for SHA: ${"0".repeat(40)}`);
    const emulator = await startEmulator();
    emulator.createRepo({ owner, repo, files: { "README.md": "hi\n" } });
    const head = emulator.sha(owner, repo, "main") ?? "";
    const bad = await call(emulator, "POST", `${base}/statuses/${head}`, { state: "green" }, emulator.userToken("jenkins"));
    expect(bad.status).toBe(400);
    expect(emulator.violations).toEqual([expect.objectContaining({ kind: "invalid-body" })]);
    await emulator.close();
  });

  it("stops at 1000 statuses per sha and context with GitHub's validation error", async () => {
    const sha = commit("limit");
    for (let n = 0; n < MAX_STATUSES_PER_CONTEXT; n += 1) gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "pending");
    const over = await post(sha, { state: "success", context: "CI/Jenkins" });
    expect(over.status).toBe(422);
    expect(over.json).toMatchObject({
      message: "Validation Failed",
      errors: [{ resource: "Status", code: "custom", message: "This SHA and context has reached the maximum number of statuses." }],
    });
    expect((await post(sha, { state: "success", context: "ci/other" })).status).toBe(201);
  });

  it("needs the statuses permission from the app, read to see them and write to post them", async () => {
    const sha = commit("permission");
    const asApp = await call(gh, "POST", `${base}/statuses/${sha}`, { state: "success" });
    expect(asApp.status).toBe(403);
    expect(asApp.headers.get("x-accepted-github-permissions")).toBe("statuses=write");
    const read = await call(gh, "GET", `${base}/commits/${sha}/status`);
    expect(read.status).toBe(200);
    expect(read.headers.get("x-accepted-github-permissions")).toBe("statuses=read");
    const { statuses: _statuses, ...without } = loadAppPermissions();
    gh.setAppPermissions(without);
    expect((await call(gh, "GET", `${base}/commits/${sha}/status`)).status).toBe(403);
    expect((await call(gh, "GET", `${base}/commits/${sha}/statuses`)).status).toBe(403);
  });
});

describe("the combined status", () => {
  it("is pending with no statuses at all", async () => {
    const sha = commit("none");
    expect(await combined(sha)).toMatchObject({ state: "pending", statuses: [], total_count: 0, sha });
  });

  it("is pending while a context is pending, failure once any is error or failure, success when every latest is success", async () => {
    const sha = commit("rules");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "success");
    expect((await combined(sha)).state).toBe("success");
    gh.addCommitStatus(owner, repo, sha, "security/scan", "pending");
    expect((await combined(sha)).state).toBe("pending");
    gh.addCommitStatus(owner, repo, sha, "lint", "error");
    // A failure outweighs a context still pending.
    expect((await combined(sha)).state).toBe("failure");
    gh.addCommitStatus(owner, repo, sha, "lint", "success");
    gh.addCommitStatus(owner, repo, sha, "security/scan", "failure");
    expect((await combined(sha)).state).toBe("failure");
    gh.addCommitStatus(owner, repo, sha, "security/scan", "success");
    const all = await combined(sha);
    expect(all.state).toBe("success");
    expect(all.total_count).toBe(3);
  });

  it("takes the latest status of each context, contexts compared without case", async () => {
    const sha = commit("latest");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "failure");
    await post(sha, { state: "success", context: "CI/Jenkins" });
    const answer = await combined(sha);
    expect(answer.state).toBe("success");
    expect(answer.statuses.map((s: { context: string; state: string }) => [s.context, s.state])).toEqual([["CI/Jenkins", "success"]]);
  });

  it("answers for a branch name as for its commit, pages through contexts, and 404s an unknown ref", async () => {
    const sha = commit("pages");
    for (const context of ["a", "b", "c"]) gh.addCommitStatus(owner, repo, sha, context, "success");
    const page = await combined("main", "?per_page=2&page=2");
    expect(page).toMatchObject({ sha, state: "success", total_count: 3 });
    expect(page.statuses).toHaveLength(1);
    expect((await call(gh, "GET", `${base}/commits/nope/status`)).status).toBe(404);
  });

  it("lists every status, newest first, on GET commits/{ref}/statuses", async () => {
    const sha = commit("list");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "pending");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "success");
    const listed = (await call(gh, "GET", `${base}/commits/${sha}/statuses`)).json;
    expect(listed.map((s: { state: string }) => s.state)).toEqual(["success", "pending"]);
    expect(listed[0].creator).toMatchObject({ login: "jenkins" });
  });
});

describe("POST deployments and commit statuses", () => {
  const deploy = (ref: string, extra: Record<string, unknown> = {}) => call(gh, "POST", `${base}/deployments`, { ref, environment: "qa", ...extra });

  it("refuses while a status is not success, listing every verified context with its state", async () => {
    const sha = commit("deploy-statuses");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "pending");
    gh.addCheckRun(owner, repo, sha, "tests", "success");
    const refused = await deploy(sha);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      message: `Conflict: Commit status checks failed for ${sha}.`,
      errors: [
        {
          contexts: [
            { context: "ci/jenkins", state: "pending" },
            { context: "tests", state: "success" },
          ],
          resource: "Deployment",
          field: "required_contexts",
          code: "invalid",
        },
      ],
    });
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "failure");
    expect((await deploy(sha)).json.errors[0].contexts[0]).toEqual({ context: "ci/jenkins", state: "failure" });
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "success");
    expect((await deploy(sha)).status).toBe(201);
  });

  it("verifies only the contexts required_contexts names, a missing one counting as not success; [] skips the check", async () => {
    const sha = commit("deploy-required");
    gh.addCommitStatus(owner, repo, sha, "ci/flaky", "failure");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "success");
    expect((await deploy(sha, { required_contexts: ["ci/jenkins"] })).status).toBe(201);
    const missing = await deploy(sha, { required_contexts: ["ci/jenkins", "ci/other"] });
    expect(missing.status).toBe(409);
    expect(missing.json.errors[0].contexts).toEqual([
      { context: "ci/jenkins", state: "success" },
      { context: "ci/other", state: "pending" },
    ]);
    expect((await deploy(sha, { required_contexts: [] })).status).toBe(201);
  });

  it("names the ref as it was given in the refusal", async () => {
    const sha = commit("deploy-ref");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "error");
    expect((await deploy("main")).json.message).toBe("Conflict: Commit status checks failed for main.");
  });
});
