// Item 10 of issue #14: protected branches and rulesets refuse a direct move of the branch and a
// merge that skips their rules, as GitHub answers (sources in protection.ts), and the reads that
// describe them answer with the permissions GitHub asks for.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";
import { loadAppPermissions } from "./permissions.js";

let gh: Emulator;
const owner = "acme";
const repo = "web";
const base = `/repos/${owner}/${repo}`;
let head = "";

/** A commit on main's head, made by the app; GitHub signs it unless it names its own author. */
async function newCommit(author?: { name: string; email: string }): Promise<string> {
  const tree = gh.state.repo(owner, repo)?.git.get(head, "commit")?.tree;
  const content = `${Math.random()}\n`;
  const made = await call(gh, "POST", `${base}/git/trees`, { base_tree: tree, tree: [{ path: "CHANGES.md", mode: "100644", type: "blob", content }] });
  const commit = await call(gh, "POST", `${base}/git/commits`, {
    message: "Release 1.0.0",
    tree: made.json.sha,
    parents: [head],
    ...(author ? { author } : {}),
  });
  return commit.json.sha as string;
}

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({ owner, repo, files: { "README.md": "hi\n", "CHANGES.md": "# Changes\n" } }).headSha;
});

beforeEach(() => {
  gh.setAppPermissions(loadAppPermissions());
  gh.unprotectBranch(owner, repo, "main");
  gh.state.repo(owner, repo)?.rulesets.splice(0);
  head = gh.sha(owner, repo, "main") ?? head;
});

afterAll(async () => {
  // A protected branch's refusal is GitHub's answer, not a request outside its description.
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("classic branch protection", () => {
  it("refuses a ref update with 422 naming each rule, and leaves the branch where it was", async () => {
    gh.protectBranch(owner, repo, "main", { requiredReviews: 1, requiredChecks: ["ci"], signedCommits: true });
    const sha = await newCommit({ name: "Leo", email: "leo@example.com" });
    const res = await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha, force: false });
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      message: 'Required status check "ci" is expected. Commits must have verified signatures. Changes must be made through a pull request.',
      documentation_url: "https://docs.github.com/articles/about-protected-branches",
    });
    expect(gh.sha(owner, repo, "main")).toBe(head);
  });

  it("takes a commit GitHub signed (the app's, with no author of its own) under required signatures", async () => {
    gh.protectBranch(owner, repo, "main", { signedCommits: true });
    const sha = await newCommit();
    expect((await call(gh, "GET", `${base}/git/commits/${sha}`)).json.verification).toMatchObject({ verified: true, reason: "valid" });
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha })).status).toBe(200);
  });

  it("counts several required checks, and lets the move through once they are green", async () => {
    gh.protectBranch(owner, repo, "main", { requiredChecks: ["ci", "lint"] });
    const sha = await newCommit();
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha })).json.message).toBe("2 of 2 required status checks are expected.");
    gh.addCheckRun(owner, repo, sha, "ci", "success");
    gh.addCheckRun(owner, repo, sha, "lint", "success");
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha })).status).toBe(200);
  });

  it("lets an app on the pull-request bypass list move the branch, and refuses a force push", async () => {
    gh.protectBranch(owner, repo, "main", { requiredReviews: 1, bypassPullRequestApps: ["release-pilot"] });
    const sha = await newCommit();
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha })).status).toBe(200);
    const back = await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha: head, force: true });
    expect(back).toMatchObject({ status: 422, json: { message: "Cannot force-push to a protected branch" } });
  });

  it("refuses a contents write with 409 'Could not update file: ...'", async () => {
    gh.protectBranch(owner, repo, "main", { requiredChecks: ["continuous-integration/travis-ci"] });
    const file = await call(gh, "GET", `${base}/contents/CHANGES.md`);
    const res = await call(gh, "PUT", `${base}/contents/CHANGES.md`, { message: "m", content: Buffer.from("x").toString("base64"), sha: file.json.sha });
    expect(res).toMatchObject({
      status: 409,
      json: { message: 'Could not update file: Required status check "continuous-integration/travis-ci" is expected.' },
    });
    const created = await call(gh, "PUT", `${base}/contents/NEW.md`, { message: "m", content: Buffer.from("x").toString("base64") });
    expect(created.json.message).toBe('Could not create file: Required status check "continuous-integration/travis-ci" is expected.');
    expect(gh.sha(owner, repo, "main")).toBe(head);
  });

  it("refuses the API merge of a pull request without its approvals with 405", async () => {
    gh.createBranch(owner, repo, "feature");
    gh.commit(owner, repo, "feature", { "a.txt": "a" }, "A");
    const number = gh.openPullRequest({ owner, repo, head: "feature", base: "main", title: "A" });
    gh.protectBranch(owner, repo, "main", { requiredReviews: 1 });
    const res = await call(gh, "PUT", `${base}/pulls/${number}/merge`, {});
    expect(res).toMatchObject({ status: 405, json: { message: "At least 1 approving review is required by reviewers with write access." } });
    gh.addReview(owner, repo, number, "alice", "APPROVED");
    expect((await call(gh, "PUT", `${base}/pulls/${number}/merge`, {})).status).toBe(200);
  });

  it("shows on the branch as `protected` with its required checks, the rest only to administration: read", async () => {
    gh.protectBranch(owner, repo, "main", { requiredReviews: 2, requiredChecks: ["ci"] });
    const branch = await call(gh, "GET", `${base}/branches/main`);
    expect(branch.json).toMatchObject({ protected: true, protection: { enabled: true, required_status_checks: { contexts: ["ci"] } } });
    expect(branch.json.protection.required_pull_request_reviews).toBeUndefined();
    const refused = await call(gh, "GET", `${base}/branches/main/protection`);
    expect(refused.status).toBe(403);
    expect(refused.headers.get("x-accepted-github-permissions")).toBe("administration=read");
    gh.setAppPermissions({ ...loadAppPermissions(), administration: "read" });
    const full = await call(gh, "GET", `${base}/branches/main/protection`);
    expect(full.json).toMatchObject({ required_pull_request_reviews: { required_approving_review_count: 2 }, required_signatures: { enabled: false } });
    gh.unprotectBranch(owner, repo, "main");
    expect(await call(gh, "GET", `${base}/branches/main/protection`)).toMatchObject({ status: 404, json: { message: "Branch not protected" } });
    expect((await call(gh, "GET", `${base}/branches/main`)).json).toMatchObject({ protected: false, protection: { enabled: false } });
  });
});

describe("rulesets", () => {
  it("refuse a ref update with 'Repository rule violations found' unless the app may bypass", async () => {
    const id = gh.addRuleset(owner, repo, { name: "main", branches: ["~DEFAULT_BRANCH"], rules: [{ type: "pull_request" }, { type: "non_fast_forward" }] });
    const sha = await newCommit();
    const res = await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha });
    expect(res).toMatchObject({ status: 422, json: { message: "Repository rule violations found\n\nChanges must be made through a pull request.\n\n" } });
    expect(res.json.documentation_url).toBe("https://docs.github.com/rest/git/refs#update-a-reference");
    const rules = await call(gh, "GET", `${base}/rules/branches/main`);
    expect(rules.json).toEqual([
      expect.objectContaining({ type: "pull_request", ruleset_id: id, ruleset_source_type: "Repository" }),
      expect.objectContaining({ type: "non_fast_forward", ruleset_id: id }),
    ]);
    expect((await call(gh, "GET", `${base}/rulesets/${id}`)).json).toMatchObject({ id, current_user_can_bypass: "never" });
    // The branch endpoint knows nothing of rulesets.
    expect((await call(gh, "GET", `${base}/branches/main`)).json.protected).toBe(false);

    gh.state.repo(owner, repo)?.rulesets.splice(0);
    const bypassed = gh.addRuleset(owner, repo, { name: "main", branches: ["main"], rules: [{ type: "pull_request" }], bypassApps: ["release-pilot"] });
    expect((await call(gh, "GET", `${base}/rulesets/${bypassed}`)).json.current_user_can_bypass).toBe("always");
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha })).status).toBe(200);
  });

  it("in evaluate mode neither refuse nor show", async () => {
    gh.addRuleset(owner, repo, { name: "trial", branches: ["~ALL"], rules: [{ type: "update" }], enforcement: "evaluate" });
    expect((await call(gh, "GET", `${base}/rules/branches/main`)).json).toEqual([]);
    expect((await call(gh, "PATCH", `${base}/git/refs/heads/main`, { sha: await newCommit() })).status).toBe(200);
  });
});
