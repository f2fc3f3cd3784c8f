// The webhook route of the built app: an event is stored and answered 202 at once, the work
// happens after; unsigned, wrongly signed and oversized bodies are refused and store nothing;
// a delivery GitHub recorded as failed is asked for again; no secret reaches the logs.
import { randomUUID } from "node:crypto";
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { sign } from "./harness.js";
import {
  apiTag,
  changelogPulls,
  expectNoSecretsInLogs,
  makeSecrets,
  publishRelease,
  seedOpenverse,
  startRuntimeApp,
  storedJobs,
  type RuntimeApp,
} from "../runtime/support/e2e.js";

const owner = "WordPress";
const repo = "openverse";
const secrets = makeSecrets();
let gh: Emulator;
let app: RuntimeApp;
const apps: RuntimeApp[] = [];

beforeAll(async () => {
  gh = await startEmulator();
  seedOpenverse(gh, owner, repo);
  app = await startRuntimeApp(gh, secrets);
  apps.push(app);
});

afterAll(async () => {
  for (const each of apps) await each.stop();
  expect(gh.violations).toEqual([]);
  expectNoSecretsInLogs(apps, gh, secrets);
  await gh?.close();
});

async function post(body: string, headers: Record<string, string>): Promise<number> {
  const res = await fetch(`${app.url}/api/github/webhooks`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-github-event": "release", "x-github-delivery": randomUUID(), ...headers },
    body,
  });
  await res.text();
  return res.status;
}

/**
 * The intake answers 413 as soon as it knows the body is too large and closes the connection, so
 * the sender may still be writing when the answer comes: the write then fails with EPIPE or a
 * reset, which fetch reports instead of the answer. Read with node:http, the answer wins.
 */
function postOversize(body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(`${app.url}/api/github/webhooks`, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "content-length": String(Buffer.byteLength(body)),
        "x-github-event": "release",
        "x-github-delivery": randomUUID(),
        ...headers,
      },
    });
    let answered = false;
    request.on("response", (res) => {
      answered = true;
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    request.on("error", (error) => {
      if (!answered) setTimeout(() => (answered ? undefined : reject(error)), 1_000);
    });
    // The headers go first: the intake refuses on the declared length and closes, and a body
    // already being written then meets EPIPE before the answer is read (seen on a loaded machine).
    // The body follows only if no answer came, so a server that counts the bytes is tested too.
    request.flushHeaders();
    setTimeout(() => {
      if (answered) request.destroy();
      else request.end(body);
    }, 3_000);
  });
}

describe("webhook intake", () => {
  it("answers 202 before the work is done, and the changelog PR still appears", async () => {
    const tag = apiTag(1);
    const started = Date.now();
    const sent = await app.deliver("release", publishRelease(gh, owner, repo, tag));
    const answeredInMs = Date.now() - started;

    expect(sent.status).toBe(202);
    // The PR takes several throttled writes (seconds); the answer must not wait for them.
    expect(answeredInMs).toBeLessThan(1_000);
    expect(changelogPulls(gh, owner, repo, [tag]).get(tag)).toBe(0);
    await app.waitFor(() => changelogPulls(gh, owner, repo, [tag]).get(tag) === 1, 20_000);
    await app.waitFor(() => storedJobs(app.dataDir).find((job) => job.id === sent.deliveryId && job.state === "done"));
  });

  it("counts the GitHub API calls the handlers made, and the rate limit left, on /metrics", async () => {
    // The first test's changelog PR read and wrote through the emulator.
    const metrics = await (await fetch(`${app.url}/metrics`)).text();
    const count = (method: string) =>
      Number(new RegExp(`^release_pilot_github_api_calls_total\\{method="${method}",status="2xx"\\} (\\d+)$`, "m").exec(metrics)?.[1] ?? 0);
    expect(count("GET")).toBeGreaterThan(0);
    expect(count("POST")).toBeGreaterThan(0);
    expect(metrics).toMatch(/^release_pilot_github_rate_limit_remaining 4999$/m);
  });

  it("makes one job and one PR of a delivery id sent three times", async () => {
    const tag = apiTag(2);
    const payload = publishRelease(gh, owner, repo, tag);
    const deliveryId = randomUUID();
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await app.deliver("release", payload, { deliveryId })).status);

    expect(statuses).toEqual([202, 202, 202]);
    await app.waitFor(() => changelogPulls(gh, owner, repo, [tag]).get(tag) === 1, 20_000);
    await app.settle(1_000);
    expect(storedJobs(app.dataDir).filter((job) => job.id === deliveryId)).toHaveLength(1);
    expect(changelogPulls(gh, owner, repo, [tag]).get(tag)).toBe(1);
  });

  it("refuses an unsigned webhook with 400 and stores nothing", async () => {
    const before = storedJobs(app.dataDir).length;
    expect(await post(JSON.stringify(publishRelease(gh, owner, repo, apiTag(3))), {})).toBe(400);
    expect(storedJobs(app.dataDir)).toHaveLength(before);
  });

  it("refuses a webhook signed with another secret with 401 and stores nothing", async () => {
    const before = storedJobs(app.dataDir).length;
    const sent = await app.deliver("release", publishRelease(gh, owner, repo, apiTag(4)), { secret: "not-the-secret" });
    expect(sent.status).toBe(401);
    expect(storedJobs(app.dataDir)).toHaveLength(before);
  });

  it("refuses a signed body that is not JSON with 400", async () => {
    const body = "{not json";
    expect(await post(body, { "x-hub-signature-256": sign(secrets.webhookSecret, body) })).toBe(400);
  });

  it("refuses a body over 25 MB with 413", async () => {
    const body = JSON.stringify({ padding: "x".repeat(25 * 1024 * 1024) });
    expect(await postOversize(body, { "x-hub-signature-256": "sha256=0" })).toBe(413);
  });
});

describe("health", () => {
  it("reports ready while the job store answers", async () => {
    const res = await fetch(`${app.url}/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", jobStore: "reachable" });
  });
});

describe("reconciler", () => {
  it("asks GitHub to redeliver a delivery recorded as failed, and leaves the ones it took", async () => {
    const failed = gh.addHookDelivery({ guid: randomUUID(), event: "release", action: "published", status_code: 502, installation_id: 1, repository_id: null });
    const taken = gh.addHookDelivery({ guid: randomUUID(), event: "release", action: "published", status_code: 202, installation_id: 1, repository_id: null });
    const reconciling = await startRuntimeApp(gh, secrets, { env: { RECONCILE_INTERVAL_MS: "3600000" } });
    apps.push(reconciling);

    await reconciling.waitFor(() => gh.state.redeliveries.some((r) => r.deliveryId === failed), 10_000);
    expect(gh.state.redeliveries.map((r) => r.deliveryId)).not.toContain(taken);
  });
});
