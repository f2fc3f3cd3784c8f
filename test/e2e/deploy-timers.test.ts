// Work the app sets for itself, run by the app as its own process with its SQLite job queue
// (issue #12, items 11 and 18): each verify request is a job of its own, so a verify that waits
// for the new version holds back none of its repository's webhooks; and a deploy whose workflow
// never reports is marked `error` when its lock expires, which starts the deploy queued behind
// it without anyone sending another event.
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload } from "./fixtures/event-payloads.js";
import { botComments } from "./fixtures/story.js";
import { startRedisServer, type RedisServer } from "../runtime/queue/support/redis-server.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "timers";
const verified = "verified-app";
const queued = "queued-app";
// Long enough that the second /deploy, several throttled writes later, still finds the first running.
const LOCK_TIMEOUT_S = 25;

const backends = [{ name: "SQLite" }, { name: "Redis" }] as const;

describe.each(backends)("timers with the $name job queue", ({ name }) => {
  let gh: Emulator;
  let app: AppProcess;
  let versionServer: Server;
  let redis: RedisServer | undefined;
  /** The job store, kept across the restart in the lock test. */
  const dataDir = mkdtempSync(join(tmpdir(), "release-pilot-timers-"));
  const start = () =>
    startApp({ emulator: gh, env: { DATA_DIR: dataDir, VERIFY_ALLOW_LOOPBACK: "1", ...(redis === undefined ? {} : { REDIS_URL: redis.url }) } });
  /** What the version endpoint answers now. */
  let answer = "";
  let hits = 0;

  beforeAll(async () => {
    versionServer = createServer((_, response) => {
      hits += 1;
      response.end(answer);
    });
    await new Promise<void>((resolve) => versionServer.listen(0, "127.0.0.1", resolve));
    const versionUrl = `http://127.0.0.1:${(versionServer.address() as AddressInfo).port}/version`;
    gh = await startEmulator();
    const verifyConfig = [
      "environments:",
      "  production:",
      '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
      `    verify: { url: "${versionUrl}", expect: "{sha}", timeout: 2m }`,
    ].join("\n");
    gh.createRepo({
      owner,
      repo: verified,
      defaultBranch: "main",
      files: { ".github/release-pilot.yml": verifyConfig, ...workflowsFor(verifyConfig), "app.py": "" },
    });
    const queueConfig = [
      "environments:",
      "  production:",
      "    queue: true",
      `    lock_timeout: ${LOCK_TIMEOUT_S}s`,
      '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
    ].join("\n");
    gh.createRepo({
      owner,
      repo: queued,
      defaultBranch: "main",
      files: { ".github/release-pilot.yml": queueConfig, ...workflowsFor(queueConfig), "app.py": "" },
    });
    for (const repo of [verified, queued]) gh.setPermission(owner, repo, "fershad", "write");
    if (name === "Redis") redis = await startRedisServer();
    app = await start();
  }, 60_000);

  afterAll(async () => {
    await app?.stop();
    await gh?.close();
    await new Promise((resolve) => versionServer?.close(resolve));
    await redis?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const statusesOf = (repo: string, id: number) => [...(gh.deployments(owner, repo).find((d) => d.id === id)?.statuses ?? [])].sort((a, b) => a.id - b.id);

  it("answers the repository's other webhooks while a verify waits for the new version", async () => {
    const old = gh.sha(owner, verified, "main")!;
    const sha = gh.commit(owner, verified, "main", { "app.py": "# new" }, "Change the app", "fershad");
    answer = `{"sha":"${old}"}`;
    const number = gh.addIssue({ owner, repo: verified, title: "Ship it" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo: verified, number, body: "/deploy production", sender: "fershad" }));
    await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === sha), 20_000);
    await app.settle();
    const deployment = gh.deployments(owner, verified).find((d) => d.sha === sha)!;
    await fetch(`${gh.url}/repos/${owner}/${verified}/deployments/${deployment.id}/statuses`, {
      method: "POST",
      headers: { authorization: `token ${gh.userToken("ansible")}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "success" }),
    });
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo: verified, deploymentId: deployment.id }));
    await app.waitFor(() => statusesOf(verified, deployment.id).find((s) => s.state === "in_progress"), 20_000);
    await app.waitFor(() => hits >= 1, 20_000);

    // The URL still answers the old version, so the verify goes on; /help is answered meanwhile.
    const help = gh.addIssue({ owner, repo: verified, title: "How does this work?" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo: verified, number: help, body: "/help", sender: "fershad" }));
    await app.waitFor(() => botComments(gh, owner, verified, help)[0], 15_000);
    expect(statusesOf(verified, deployment.id).at(-1)?.state).toBe("in_progress");

    answer = `{"sha":"${sha}"}`;
    await app.waitFor(() => botComments(gh, owner, verified, number).find((c) => c.body.startsWith("✅ Deployed")), 45_000);
    const states = statusesOf(verified, deployment.id).map((s) => `${s.state} ${s.description}`);
    expect(states.slice(-3)).toEqual(["success ", expect.stringMatching(/^in_progress Verifying /), expect.stringMatching(/^success Verified /)]);
    expect(hits).toBeGreaterThanOrEqual(2);
    expect(gh.violations).toEqual([]);
  }, 120_000);

  it("marks a deploy that never reports `error` when its lock expires, across a restart, and starts the one queued behind it", async () => {
    const first = gh.commit(owner, queued, "main", { "app.py": "VERSION = 1\n" }, "v1", "fershad");
    const number = gh.addIssue({ owner, repo: queued, title: "Ship v1 then v2" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo: queued, number, body: "/deploy production", sender: "fershad" }));
    await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === first), 20_000);
    const running = gh.deployments(owner, queued).find((d) => d.sha === first)!;

    const second = gh.commit(owner, queued, "main", { "app.py": "VERSION = 2\n" }, "v2", "fershad");
    const later = gh.addIssue({ owner, repo: queued, title: "Ship v2" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo: queued, number: later, body: "/deploy production", sender: "fershad" }));
    await app.waitFor(() => botComments(gh, owner, queued, later).find((c) => c.body.includes("Queued")), 20_000);
    const waiting = gh.deployments(owner, queued).find((d) => d.sha === second)!;
    expect(gh.workflowDispatches.filter((d) => d.inputs["ref"] === second)).toEqual([]);

    // The app restarts meanwhile: the check waits in the job store, not in the process.
    await app.stop();
    app = await start();
    // The first deploy's workflow never reports; nobody sends anything more.
    const errored = await app.waitFor(() => statusesOf(queued, running.id).find((s) => s.state === "error"), (LOCK_TIMEOUT_S + 30) * 1000);
    expect(errored.description).toBe(`no status within ${LOCK_TIMEOUT_S}s; the lock expired`);
    await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === second), 30_000);
    await app.waitFor(() => botComments(gh, owner, queued, number).find((c) => c.body.includes("ended with error")), 20_000);
    await app.settle();
    expect(gh.workflowDispatches.filter((d) => d.inputs["deployment_id"] === String(waiting.id))).toHaveLength(1);
    expect(statusesOf(queued, running.id).filter((s) => s.state === "error")).toHaveLength(1);
    // The started deploy holds the lock now, and has its own expiry check.
    expect(gh.refs(owner, queued).some((r) => r.ref === "refs/heads/release-pilot/lock/production")).toBe(true);
    expect(app.errorLogs()).toEqual([]);
    expect(gh.violations).toEqual([]);
  }, 150_000);
});
