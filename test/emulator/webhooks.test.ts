// The emulator sends the webhooks GitHub sends: for the app's writes and people's, signed, only
// for subscribed events, in order per repository, and each payload fits GitHub's own webhook
// schema (the `x-webhooks` of the OpenAPI description).
import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { type IncomingHttpHeaders, type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "./index.js";
import { compileSchema } from "./openapi.js";

interface Received {
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly payload: Record<string, unknown>;
}

const SECRET = "hook-secret";
const owner = "acme";
const repo = "web";

let gh: Emulator;
let sink: Server;
let sinkUrl: string;
let status = 202;
const received: Received[] = [];

beforeAll(async () => {
  gh = await startEmulator();
  sink = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      received.push({ headers: req.headers, body, payload: JSON.parse(body) as Record<string, unknown> });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => sink.listen(0, "127.0.0.1", () => resolve()));
  sinkUrl = `http://127.0.0.1:${(sink.address() as AddressInfo).port}/api/github/webhooks`;
  gh.createRepo({ owner, repo, files: { "README.md": "hi" } });
  gh.deliverTo({ url: sinkUrl, secret: SECRET });
});

afterAll(async () => {
  await gh.close();
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

async function api(method: string, path: string, body?: unknown, login?: string): Promise<Record<string, unknown>> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: { authorization: `token ${login ? gh.userToken(login) : "ghs_installation"}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${text}`);
  return text ? (JSON.parse(text) as Record<string, unknown>) : {};
}

const since = (n: number) => received.slice(n).map((r) => `${String(r.headers["x-github-event"])}.${String(r.payload["action"] ?? "")}`);

// Every payload checked against GitHub's schema for its event and action.
const webhookSchemas = (() => {
  const file = createRequire(import.meta.url).resolve("@octokit/openapi/generated/api.github.com.deref.json");
  let hooks: Record<string, { post: { requestBody: { content: { "application/json": { schema: unknown } } } } }> | undefined;
  const compiled = new Map<string, ReturnType<typeof compileSchema>>();
  return (event: string, action: unknown) => {
    hooks ??= (JSON.parse(readFileSync(file, "utf8")) as { "x-webhooks": typeof hooks })["x-webhooks"];
    const key = action === undefined ? event.replace(/_/g, "-") : `${event.replace(/_/g, "-")}-${String(action)}`;
    let validate = compiled.get(key);
    if (!validate) {
      const schema = hooks?.[key]?.post.requestBody.content["application/json"].schema;
      if (!schema) throw new Error(`no webhook schema ${key}`);
      validate = compileSchema(schema);
      compiled.set(key, validate);
    }
    return validate;
  };
})();

describe("webhooks the emulator sends", () => {
  it("signs each delivery with the secret and names the event, the delivery and the installation", async () => {
    const n = received.length;
    await api("POST", `/repos/${owner}/${repo}/issues`, { title: "Hello" }, "alice");
    await gh.deliveriesIdle();
    const [hook] = received.slice(n);
    expect(hook?.headers["x-github-event"]).toBe("issues");
    expect(hook?.headers["x-github-delivery"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(hook?.headers["x-hub-signature-256"]).toBe(`sha256=${createHmac("sha256", SECRET).update(hook!.body).digest("hex")}`);
    expect(hook?.headers["x-github-hook-installation-target-type"]).toBe("integration");
    expect(hook?.payload).toMatchObject({
      action: "opened",
      issue: { title: "Hello", user: { login: "alice" } },
      sender: { login: "alice" },
      installation: { id: 1 },
    });
    expect(gh.deliveries.at(-1)).toMatchObject({ event: "issues", action: "opened", status: 202 });
  });

  it("announces the app's own writes as its bot user: refs, contents, releases, comments, check runs, deployment statuses", async () => {
    const n = received.length;
    const main = gh.sha(owner, repo, "main")!;
    await api("POST", `/repos/${owner}/${repo}/git/refs`, { ref: "refs/heads/release-pilot/lock/staging", sha: main });
    await api("DELETE", `/repos/${owner}/${repo}/git/refs/heads/release-pilot/lock/staging`);
    await api("PUT", `/repos/${owner}/${repo}/contents/CHANGES.md`, { message: "Changelog", content: Buffer.from("# 1.0.0\n").toString("base64") });
    await api("POST", `/repos/${owner}/${repo}/releases`, { tag_name: "v1.0.0", name: "v1.0.0" });
    await api("POST", `/repos/${owner}/${repo}/releases`, { tag_name: "v1.1.0rc1", prerelease: true });
    const draft = await api("POST", `/repos/${owner}/${repo}/releases`, { tag_name: "v1.1.0", draft: true });
    await api("PATCH", `/repos/${owner}/${repo}/releases/${String(draft["id"])}`, { draft: false }, "alice");
    const issue = await api("POST", `/repos/${owner}/${repo}/issues`, { title: "Checklist", body: "- [ ] a", labels: ["release"] });
    await api("PATCH", `/repos/${owner}/${repo}/issues/${String(issue["number"])}`, { body: "- [x] a" }, "alice");
    const comment = await api("POST", `/repos/${owner}/${repo}/issues/${String(issue["number"])}/comments`, { body: "👀" });
    await api("PATCH", `/repos/${owner}/${repo}/issues/comments/${String(comment["id"])}`, { body: "Done" });
    await api("PATCH", `/repos/${owner}/${repo}/issues/${String(issue["number"])}`, { state: "closed" });
    const run = await api("POST", `/repos/${owner}/${repo}/check-runs`, { name: "Release Pilot", head_sha: main, status: "in_progress" });
    await api("PATCH", `/repos/${owner}/${repo}/check-runs/${String(run["id"])}`, { conclusion: "success" });
    const deployment = await api("POST", `/repos/${owner}/${repo}/deployments`, { ref: "main", environment: "staging", required_contexts: [] });
    await api("POST", `/repos/${owner}/${repo}/deployments/${String(deployment["id"])}/statuses`, { state: "success" }, "deploy-workflow");
    await gh.deliveriesIdle();
    expect(since(n)).toEqual([
      "push.",
      "push.",
      "push.",
      "push.", // the release's tag
      "release.created",
      "release.published",
      "release.released",
      "push.",
      "release.created",
      "release.published",
      "release.prereleased",
      "release.created",
      "push.", // publishing the draft makes its tag
      "release.published",
      "release.released",
      "issues.opened",
      "issues.labeled",
      "issues.edited",
      "issue_comment.created",
      "issue_comment.edited",
      "issues.closed",
      "check_run.created",
      "check_run.completed",
      // `deployment` is not among app.yml's default_events, so it is not sent.
      "deployment_status.created",
    ]);
    const hooks = received.slice(n);
    expect(hooks[0]?.payload).toMatchObject({
      ref: "refs/heads/release-pilot/lock/staging",
      created: true,
      deleted: false,
      sender: { login: "release-pilot[bot]", type: "Bot" },
    });
    expect(hooks[1]?.payload).toMatchObject({ ref: "refs/heads/release-pilot/lock/staging", deleted: true, after: "0".repeat(40) });
    expect(hooks[2]?.payload).toMatchObject({ ref: "refs/heads/main", before: main, commits: [{ message: "Changelog", added: ["CHANGES.md"] }] });
    expect(hooks[13]?.payload).toMatchObject({ action: "published", release: { tag_name: "v1.1.0", draft: false }, sender: { login: "alice" } });
    expect(hooks[17]?.payload).toMatchObject({ changes: { body: { from: "- [ ] a" } }, sender: { login: "alice" } });
    expect(hooks.at(-1)?.payload).toMatchObject({
      deployment_status: { state: "success", creator: { login: "deploy-workflow" } },
      deployment: { creator: { login: "release-pilot[bot]" } },
    });
  });

  it("announces people's pushes, merges and CI's check runs made through the seeding helpers", async () => {
    const n = received.length;
    gh.createBranch(owner, repo, "feature");
    gh.commit(owner, repo, "feature", { "a.txt": "a" }, "Add a", "bob");
    const pull = gh.openPullRequest({ owner, repo, title: "Add a", head: "feature", author: "bob" });
    gh.commit(owner, repo, "feature", { "b.txt": "b" }, "Add b", "bob");
    const merge = gh.mergePullRequest(owner, repo, pull, "merge", "carol");
    const ci = gh.addCheckRun(owner, repo, merge, "tests", null);
    gh.completeCheckRun(owner, repo, ci, "success");
    gh.addComment(owner, repo, pull, "/deploy staging", "carol");
    await gh.deliveriesIdle();
    expect(since(n)).toEqual([
      "push.",
      "push.",
      "pull_request.opened",
      "push.",
      "pull_request.synchronize",
      "push.",
      "pull_request.closed",
      "check_run.created",
      "check_run.completed",
      "issue_comment.created",
    ]);
    const hooks = received.slice(n);
    expect(hooks[0]?.payload).toMatchObject({ ref: "refs/heads/feature", created: true, commits: [] });
    expect(hooks[5]?.payload).toMatchObject({ ref: "refs/heads/main", after: merge, pusher: { name: "carol" }, sender: { login: "carol" } });
    expect(hooks[6]?.payload).toMatchObject({ pull_request: { merged: true, merge_commit_sha: merge, merged_by: { login: "carol" } } });
    expect(hooks[8]?.payload).toMatchObject({ check_run: { name: "tests", conclusion: "success", app: { slug: "github-actions" } } });
  });

  it("announces a commit status, posted over HTTP by CI or seeded, as GitHub's status event", async () => {
    const n = received.length;
    const head = gh.sha(owner, repo, "main")!;
    await api("POST", `/repos/${owner}/${repo}/statuses/${head}`, { state: "pending", context: "ci/jenkins" }, "jenkins");
    gh.addCommitStatus(owner, repo, head, "ci/jenkins", "success");
    await gh.deliveriesIdle();
    expect(since(n)).toEqual(["status.", "status."]);
    expect(received[n]?.payload).toMatchObject({ sha: head, context: "ci/jenkins", state: "pending", name: `${owner}/${repo}`, sender: { login: "jenkins" } });
    expect(received[n + 1]?.payload).toMatchObject({ state: "success", branches: [{ name: "main", commit: { sha: head } }] });
  });

  it("announces several commits pushed at once as one push listing them, oldest first", async () => {
    const n = received.length;
    const before = gh.sha(owner, repo, "main")!;
    gh.pushedAtOnce(() => {
      gh.commit(owner, repo, "main", { "c.txt": "c" }, "Add c", "bob");
      gh.commit(owner, repo, "main", { "d.txt": "d" }, "Add d", "dependabot[bot]");
    }, "carol");
    await gh.deliveriesIdle();
    expect(since(n)).toEqual(["push."]);
    expect(received[n]?.payload).toMatchObject({
      before,
      after: gh.sha(owner, repo, "main"),
      sender: { login: "carol" },
      commits: [{ message: "Add c" }, { message: "Add d" }],
    });
  });

  it("sends payloads that fit GitHub's webhook schemas", () => {
    expect(received.length).toBeGreaterThan(20);
    // One known difference between GitHub's payloads and its schema: a bot's commit email,
    // "41898282+github-actions[bot]@users.noreply.github.com" in @octokit/webhooks-examples, is
    // not a `format: email` address; GitHub sends it anyway, and so does the emulator.
    const at = (payload: unknown, pointer: string): unknown =>
      pointer
        .split("/")
        .slice(1)
        .reduce<unknown>((value, key) => (value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined), payload);
    const misfits = received.flatMap((hook) => {
      const validate = webhookSchemas(String(hook.headers["x-github-event"]), hook.payload["action"]);
      const botEmail = (e: { keyword: string; instancePath: string }) =>
        e.keyword === "format" && /\[bot\]@users\.noreply\.github\.com$/.test(String(at(hook.payload, e.instancePath)));
      const errors = validate(hook.payload) ? [] : (validate.errors ?? []).filter((e) => !botEmail(e));
      return errors.length === 0
        ? []
        : [{ event: hook.headers["x-github-event"], action: hook.payload["action"], errors: errors.map((e) => `${e.instancePath} ${e.message ?? ""}`) }];
    });
    expect(misfits).toEqual([]);
  }, 60_000);

  it("records a delivery the app refused or never answered, and goes on", async () => {
    status = 500;
    await api("POST", `/repos/${owner}/${repo}/issues`, { title: "Refused" }, "alice");
    await gh.deliveriesIdle();
    expect(gh.deliveries.at(-1)).toMatchObject({ event: "issues", status: 500 });
    status = 202;
    gh.deliverTo({ url: "http://127.0.0.1:9/nothing-listens", secret: SECRET });
    await api("POST", `/repos/${owner}/${repo}/issues`, { title: "Unanswered" }, "alice");
    await gh.deliveriesIdle();
    expect(gh.deliveries.at(-1)).toMatchObject({ event: "issues", status: undefined, error: expect.any(String) });
    expect(gh.state.hookDeliveries.at(-1)).toMatchObject({ event: "issues", action: "opened", status_code: 0 });
    gh.deliverTo({ url: sinkUrl, secret: SECRET });
    expect(gh.violations).toEqual([]);
  });
});
