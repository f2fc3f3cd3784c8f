import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "./index.js";
import { hasOperation } from "./openapi.js";
import { routes } from "./server.js";
import { workflowsFor } from "./workflow-files.js";

let gh: Emulator;
const api = (path: string): string => `${gh.url}/api/v3${path}`;

async function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(api(path), {
    method,
    headers: { "content-type": "application/json", accept: "application/vnd.github+json", ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  let json: any;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: res.status, json, text, headers: res.headers };
}

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner: "acme",
    repo: "web",
    files: { "README.md": "hi\n", ".github/release-pilot.yml": "tag: v{version}\n", ...workflowsFor("tag: v{version}\n") },
  });
});

afterAll(async () => {
  await gh.close();
});

describe("the OpenAPI contract", () => {
  it("registers only operations GitHub documents", () => {
    expect(Object.keys(routes).filter((key) => !hasOperation(key))).toEqual([]);
  });

  it("answers 400 to an unknown route and records a violation", async () => {
    const before = gh.violations.length;
    const res = await call("GET", "/repos/acme/web/no-such-thing");
    expect(res.status).toBe(400);
    expect(res.json.message).toContain("emulator: no such operation GET /repos/acme/web/no-such-thing");
    expect(gh.violations.slice(before).map((v) => v.kind)).toEqual(["unknown-operation"]);
  });

  it("answers 400 to a body of the wrong type", async () => {
    const before = gh.violations.length;
    const res = await call("POST", "/repos/acme/web/issues/1/comments", { body: 42 });
    expect(res.status).toBe(400);
    expect(gh.violations.slice(before).map((v) => v.kind)).toEqual(["invalid-body"]);
  });
});

describe("contents", () => {
  it("serves a file as raw text for the raw media type", async () => {
    const res = await call("GET", "/repos/acme/web/contents/.github%2Frelease-pilot.yml", undefined, { accept: "application/vnd.github.v3.raw" });
    expect(res.status).toBe(200);
    expect(res.text).toBe("tag: v{version}\n");
  });

  it("serves a file as base64 JSON by default, also without the /api/v3 prefix", async () => {
    const res = await fetch(`${gh.url}/repos/acme/web/contents/README.md?ref=main`);
    const json = (await res.json()) as { content: string; sha: string; encoding: string };
    expect(json.encoding).toBe("base64");
    expect(Buffer.from(json.content, "base64").toString()).toBe("hi\n");
  });

  it("answers 404 Not Found for a missing file", async () => {
    const res = await call("GET", "/repos/acme/web/contents/nope.txt");
    expect(res.status).toBe(404);
    expect(res.json).toMatchObject({ message: "Not Found" });
  });

  it("requires the current sha to update a file", async () => {
    const content = Buffer.from("new\n").toString("base64");
    expect((await call("PUT", "/repos/acme/web/contents/README.md", { message: "m", content })).status).toBe(422);
    const sha = (await call("GET", "/repos/acme/web/contents/README.md")).json.sha as string;
    const res = await call("PUT", "/repos/acme/web/contents/README.md", { message: "m", content, sha });
    expect(res.status).toBe(200);
    expect(gh.file("acme", "web", "main", "README.md")).toBe("new\n");
  });
});

describe("git data", () => {
  it("answers 422 when a ref already exists, so locks are atomic", async () => {
    const sha = gh.sha("acme", "web", "main");
    const first = await call("POST", "/repos/acme/web/git/refs", { ref: "refs/heads/release-pilot/lock/prod", sha });
    const second = await call("POST", "/repos/acme/web/git/refs", { ref: "refs/heads/release-pilot/lock/prod", sha });
    expect(first.status).toBe(201);
    expect(second.status).toBe(422);
    expect(second.json.message).toBe("Reference already exists");
  });

  it("builds a commit from a tree with base_tree and moves a branch to it", async () => {
    const head = gh.sha("acme", "web", "main") ?? "";
    const baseTree = (await call("GET", `/repos/acme/web/git/commits/${head}`)).json.tree.sha as string;
    const tree = await call("POST", "/repos/acme/web/git/trees", {
      base_tree: baseTree,
      tree: [
        { path: "CHANGES.md", mode: "100644", type: "blob", content: "# Changes\n" },
        { path: "README.md", mode: "100644", type: "blob", sha: null },
      ],
    });
    expect(tree.status).toBe(201);
    const commit = await call("POST", "/repos/acme/web/git/commits", { message: "changelog", tree: tree.json.sha, parents: [head] });
    const ref = await call("PATCH", "/repos/acme/web/git/refs/heads%2Fmain", { sha: commit.json.sha });
    expect(ref.json.object.sha).toBe(commit.json.sha);
    expect(gh.file("acme", "web", "main", "CHANGES.md")).toBe("# Changes\n");
    expect(gh.file("acme", "web", "main", "README.md")).toBeUndefined();
    const compare = await call("GET", `/repos/acme/web/compare/${head}...main`);
    expect(compare.json.files.map((f: { filename: string; status: string }) => `${f.status} ${f.filename}`)).toEqual(["added CHANGES.md", "removed README.md"]);
  });

  it("refuses a non-fast-forward ref update without force", async () => {
    const old = gh.createBranch("acme", "web", "old", "main");
    gh.commit("acme", "web", "main", { "a.txt": "a" }, "a");
    const res = await call("PATCH", "/repos/acme/web/git/refs/heads/main", { sha: old });
    expect(res.status).toBe(422);
  });

  it("reads a ref with slashes whether or not the client encoded them", async () => {
    expect((await call("GET", "/repos/acme/web/git/ref/heads/main")).json.ref).toBe("refs/heads/main");
    expect((await call("GET", "/repos/acme/web/git/ref/heads%2Fmain")).json.ref).toBe("refs/heads/main");
  });
});

describe("releases, pulls and issues", () => {
  it("creates a lightweight tag when a release is published for a missing tag", async () => {
    const res = await call("POST", "/repos/acme/web/releases", { tag_name: "v1.0.0", target_commitish: "main" });
    expect(res.status).toBe(201);
    expect(gh.tags("acme", "web").map((t) => t.name)).toContain("v1.0.0");
    expect((await call("POST", "/repos/acme/web/releases", { tag_name: "v1.0.0" })).status).toBe(422);
    expect((await call("GET", "/repos/acme/web/releases/latest")).json.tag_name).toBe("v1.0.0");
  });

  it("refuses a second open pull request for the same head", async () => {
    gh.createBranch("acme", "web", "changelog");
    gh.commit("acme", "web", "changelog", { "CHANGES.md": "x" }, "x");
    const body = { title: "Changelog", head: "changelog", base: "main" };
    expect((await call("POST", "/repos/acme/web/pulls", body)).status).toBe(201);
    const again = await call("POST", "/repos/acme/web/pulls", body);
    expect(again.status).toBe(422);
    expect(again.json.errors[0].message).toBe("A pull request already exists for acme:changelog.");
  });

  it("pages issue lists with Link headers", async () => {
    for (let i = 0; i < 3; i += 1) gh.addIssue({ owner: "acme", repo: "web", title: `t${i}`, labels: ["release"] });
    const res = await call("GET", "/repos/acme/web/issues?labels=release&per_page=2");
    expect(res.json).toHaveLength(2);
    expect(res.headers.get("link")).toContain('rel="next"');
  });

  it("acts as the person whose user token a request carries", async () => {
    const number = gh.addIssue({ owner: "acme", repo: "web", title: "Ask" });
    await call("POST", `/repos/acme/web/issues/${number}/comments`, { body: "/deploy staging" }, { authorization: `token ${gh.userToken("carol")}` });
    await call("POST", `/repos/acme/web/issues/${number}/comments`, { body: "ok" });
    expect(gh.comments("acme", "web", number).map((c) => c.user.login)).toEqual(["carol", "release-pilot[bot]"]);
  });

  it("records who created a deployment as its creator: the app's bot user, or the person", async () => {
    const sha = gh.sha("acme", "web", "main");
    const byApp = await call("POST", "/repos/acme/web/deployments", { ref: sha, environment: "qa", required_contexts: [] });
    const byPerson = await call(
      "POST",
      "/repos/acme/web/deployments",
      { ref: sha, environment: "qa", required_contexts: [] },
      { authorization: `token ${gh.userToken("carol")}` },
    );
    expect([byApp.json.creator, byPerson.json.creator].map((c: { login: string; type: string }) => [c.login, c.type])).toEqual([
      ["release-pilot[bot]", "Bot"],
      ["carol", "User"],
    ]);
    // As in GitHub's recorded traffic (an app's deployment with performed_via_github_app null).
    expect([byApp.json.performed_via_github_app, byPerson.json.performed_via_github_app]).toEqual([null, null]);
  });

  it("records a review of the commit it names, or of the pull request's head now", async () => {
    gh.createBranch("acme", "web", "reviewed");
    const first = gh.commit("acme", "web", "reviewed", { "r.txt": "1" }, "one");
    const number = gh.openPullRequest({ owner: "acme", repo: "web", title: "Reviewed", head: "reviewed" });
    const second = gh.commit("acme", "web", "reviewed", { "r.txt": "2" }, "two");
    const named = await call(
      "POST",
      `/repos/acme/web/pulls/${number}/reviews`,
      { event: "APPROVE", commit_id: first },
      { authorization: `token ${gh.userToken("carol")}` },
    );
    const head = await call("POST", `/repos/acme/web/pulls/${number}/reviews`, { event: "APPROVE" }, { authorization: `token ${gh.userToken("dave")}` });
    expect([named.json.commit_id, head.json.commit_id]).toEqual([first, second]);
  });

  it("lets a PR number take issue comments", async () => {
    const { number } = gh.addMergedPullRequest({ owner: "acme", repo: "web", title: "Fix", labels: ["fix"], files: { "x.txt": "1" } });
    expect((await call("POST", `/repos/acme/web/issues/${number}/comments`, { body: "hi" })).status).toBe(201);
    expect(gh.comments("acme", "web", number).map((c) => c.body)).toEqual(["hi"]);
  });
});

describe("merging", () => {
  it("merges an open pull request through the API and marks it merged", async () => {
    gh.createBranch("acme", "web", "feature");
    gh.commit("acme", "web", "feature", { "feature.txt": "f\n" }, "feature");
    const number = gh.openPullRequest({ owner: "acme", repo: "web", title: "Feature", head: "feature" });
    const res = await call("PUT", `/repos/acme/web/pulls/${number}/merge`, { merge_method: "squash" });
    expect(res.status).toBe(200);
    expect(gh.file("acme", "web", "main", "feature.txt")).toBe("f\n");
    const pull = gh.pulls("acme", "web").find((p) => p.number === number);
    expect(pull).toMatchObject({ state: "closed", merge_commit_sha: res.json.sha });
    const pulls = await call("GET", `/repos/acme/web/commits/${res.json.sha}/pulls`);
    expect(pulls.json.map((p: { number: number }) => p.number)).toEqual([number]);
  });
});

describe("faults and the call log", () => {
  it("answers a secondary rate limit with 403 and retry-after", async () => {
    gh.setFaults({ rateSecondaryLimit: 1 });
    const res = await call("GET", "/repos/acme/web/releases");
    gh.setFaults({});
    expect(res.status).toBe(403);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(res.json.message).toMatch(/secondary rate limit/);
  });

  it("holds a timed-out call open before failing it", async () => {
    gh.setFaults({ rateTimeout: 1, timeoutMs: 300 });
    const started = Date.now();
    const res = await call("GET", "/repos/acme/web/releases");
    gh.setFaults({});
    expect(res.status).toBe(502);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it("answers every call the set latency later, and at once again after setLatency(0)", async () => {
    gh.setLatency(200);
    let started = Date.now();
    expect((await call("GET", "/repos/acme/web/releases")).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    gh.setLatency(0);
    started = Date.now();
    await call("GET", "/repos/acme/web/releases");
    expect(Date.now() - started).toBeLessThan(150);
  });

  it("fails the same calls for the same seed", async () => {
    const run = async (): Promise<number[]> => {
      gh.setFaults({ rate502: 0.3, rateSecondaryLimit: 0.2, seed: 7 });
      const statuses: number[] = [];
      for (let i = 0; i < 10; i += 1) statuses.push((await call("GET", "/repos/acme/web/releases")).status);
      gh.setFaults({});
      return statuses;
    };
    const first = await run();
    expect(await run()).toEqual(first);
    expect(first.some((s) => s === 502 || s === 403)).toBe(true);
  });

  it("counts reads and writes", async () => {
    const before = gh.violations.length;
    gh.resetCalls();
    await call("GET", "/repos/acme/web/releases");
    await call("POST", "/repos/acme/web/issues", { title: "x" });
    expect(gh.counts()).toEqual({ reads: 1, writes: 1, total: 2, points: 2 });
    expect(gh.calls.map((c) => c.route)).toEqual(["/repos/{owner}/{repo}/releases", "/repos/{owner}/{repo}/issues"]);
    expect(gh.violations.slice(before)).toEqual([]);
  });
});
