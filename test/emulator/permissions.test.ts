// Item 3 of issue #14: the app's permissions from app.yml, enforced per route as GitHub does for
// installation tokens, including the `workflows` rule (sources in permissions.ts).
import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { parse } from "yaml";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/client.js";
import { execute } from "../../src/github/execute.js";
import { fixedIdentity } from "../../src/github/identity.js";
import type { Action } from "../../src/policy/plan.js";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";
import { REQUIRED, loadAppPermissions } from "./permissions.js";
import { routes } from "./server.js";

let gh: Emulator;
const owner = "acme";
const repo = "web";
const base = `/repos/${owner}/${repo}`;
let before = ""; // a commit whose workflow differs from the default branch's
let head = "";
const fromAppYml = loadAppPermissions();

beforeAll(async () => {
  gh = await startEmulator();
  before = gh.createRepo({ owner, repo, files: { "README.md": "hi\n", ".github/workflows/ci.yml": "on: push # v1\n" } }).headSha;
  head = gh.commit(owner, repo, "main", { ".github/workflows/ci.yml": "on: push # v2\n" }, "CI v2");
  gh.addIssue({ owner, repo, title: "Release checklist" });
});

beforeEach(() => gh.setAppPermissions(fromAppYml));

afterAll(async () => {
  // A refusal for missing permissions is GitHub's answer, not a request outside its description.
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("the app's permissions", () => {
  it("are app.yml's default_permissions unless a test sets others", () => {
    const manifest = parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_permissions: Record<string, string> };
    expect(fromAppYml).toEqual(manifest.default_permissions);
  });

  it("name only routes the emulator serves", () => {
    expect(Object.keys(REQUIRED).filter((key) => routes[key] === undefined)).toEqual([]);
  });

  it("refuse a call they do not cover with 403 and the permissions that would", async () => {
    gh.setAppPermissions({ metadata: "read", contents: "write" });
    const res = await call(gh, "POST", `${base}/issues`, { title: "t" });
    expect(res.status).toBe(403);
    expect(res.json).toMatchObject({ message: "Resource not accessible by integration", status: "403" });
    expect(res.headers.get("x-accepted-github-permissions")).toBe("issues=write");
    expect(gh.issues(owner, repo)).toHaveLength(1);
  });

  it("accept either permission where GitHub lists an endpoint under two", async () => {
    gh.setAppPermissions({ metadata: "read", pull_requests: "write" });
    const res = await call(gh, "POST", `${base}/issues/1/comments`, { body: "hi" });
    expect(res.status).toBe(201);
    expect(res.headers.get("x-accepted-github-permissions")).toBe("issues=write; pull_requests=write");
  });

  it("refuse a write when the permission is read-only", async () => {
    gh.setAppPermissions({ metadata: "read", contents: "read" });
    const read = await call(gh, "GET", `${base}/git/ref/heads/main`);
    expect(read.status).toBe(200);
    expect(read.headers.get("x-accepted-github-permissions")).toBe("contents=read");
    const write = await call(gh, "POST", `${base}/git/refs`, { ref: "refs/heads/x", sha: head });
    expect(write.status).toBe(403);
    expect(write.headers.get("x-accepted-github-permissions")).toBe("contents=write");
  });

  it("do not limit a person's token", async () => {
    gh.setAppPermissions({ metadata: "read" });
    const res = await call(gh, "POST", `${base}/issues/1/comments`, { body: "by a person" }, gh.userToken("alice"));
    expect(res.status).toBe(201);
  });

  it("do not apply to app authentication", async () => {
    gh.setAppPermissions({});
    expect((await call(gh, "GET", "/app", undefined, "jwt")).status).toBe(200);
  });
});

describe("the workflows permission", () => {
  const withoutWorkflows = { metadata: "read", contents: "write" };

  it("is needed to create a ref at a commit whose workflows differ from the default branch's", async () => {
    gh.setAppPermissions(withoutWorkflows);
    const refused = await call(gh, "POST", `${base}/git/refs`, { ref: "refs/tags/v1", sha: before });
    expect(refused.status).toBe(403);
    expect(refused.json.message).toBe("Resource not accessible by integration");
    expect(refused.headers.get("x-accepted-github-permissions")).toBe("contents=write,workflows=write");
    expect(gh.refs(owner, repo).map((r) => r.ref)).not.toContain("refs/tags/v1");
    expect((await call(gh, "POST", `${base}/git/refs`, { ref: "refs/tags/head", sha: head })).status).toBe(201);
  });

  it("is needed to move a ref to such a commit", async () => {
    gh.setAppPermissions(withoutWorkflows);
    expect((await call(gh, "POST", `${base}/git/refs`, { ref: "refs/heads/release-pilot/lock/prod", sha: head })).status).toBe(201);
    const moved = await call(gh, "PATCH", `${base}/git/refs/heads/release-pilot/lock/prod`, { sha: before, force: true });
    expect(moved.status).toBe(403);
  });

  it("is needed to change a file under .github/workflows/", async () => {
    gh.setAppPermissions(withoutWorkflows);
    const path = ".github/workflows/ci.yml";
    const current = await call(gh, "GET", `${base}/contents/${path}`);
    const put = (file: string, sha?: string) =>
      call(gh, "PUT", `${base}/contents/${file}`, { message: "edit", content: Buffer.from("x\n").toString("base64"), ...(sha ? { sha } : {}) });
    expect((await put(path, current.json.sha)).status).toBe(403);
    expect((await put("docs/notes.md")).status).toBe(201);
  });

  it("is needed to publish a release at such a commit, which GitHub answers 404", async () => {
    gh.setAppPermissions(withoutWorkflows);
    const res = await call(gh, "POST", `${base}/releases`, { tag_name: "v0.9.0", target_commitish: before });
    expect(res.status).toBe(404);
    expect(res.json.message).toBe("Not Found");
    expect(gh.releases(owner, repo)).toEqual([]);
  });

  it("lets the app do all of that once granted", async () => {
    gh.setAppPermissions({ ...withoutWorkflows, workflows: "write" });
    expect((await call(gh, "POST", `${base}/git/refs`, { ref: "refs/tags/v0.8.0", sha: before })).status).toBe(201);
  });

  it("is in app.yml, because the bot makes pointer tags and lock refs at any commit", async () => {
    expect(fromAppYml["workflows"]).toBe("write");
    expect((await call(gh, "POST", `${base}/git/refs`, { ref: "refs/tags/stable", sha: before })).status).toBe(201);
  });
});

describe("the bot's rollback writes", () => {
  // A rollback (or a deploy of a release branch) moves the pointer tag and takes the lock at a
  // commit behind the default branch, whose workflows differ from main's once CI changed since.
  const at = (commit: string): Action[] => [
    { kind: "move-tag", key: `tag:${commit}`, repo: { owner, repo }, tag: "production", commit },
    {
      kind: "acquire-lock",
      key: `lock:${commit}`,
      repo: { owner, repo },
      environment: "production",
      holder: "octocat",
      reason: "rollback",
      expiresAt: "2099-01-01T00:00:00Z",
      now: "2026-01-01T00:00:00Z",
      commit,
    },
  ];
  const run = (actions: Action[]) => {
    const octokit = new ProbotOctokit({ auth: { token: "test" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } });
    const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
    return execute(
      { reason: "planned", summary: "rollback", actions },
      { octokit: octokit as GitHub, log, self: fixedIdentity({ login: "release-pilot[bot]" }) },
    );
  };

  it("fail without the workflows permission", async () => {
    const { workflows: _, ...without } = fromAppYml;
    gh.setAppPermissions(without);
    await expect(run(at(before).slice(0, 1))).rejects.toMatchObject({ cause: { status: 403 } });
    await expect(run(at(before).slice(1))).rejects.toMatchObject({ cause: { status: 403 } });
  });

  it("succeed with app.yml's permissions", async () => {
    await expect(run(at(before))).resolves.toMatchObject([{ status: "done" }, { status: "done" }]);
    expect(gh.tags(owner, repo).find((t) => t.name === "production")?.commit).toBe(before);
  });
});
