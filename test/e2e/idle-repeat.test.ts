// Issue #19 items 2-3: an event that changes nothing costs no rate limit on repeat. The config
// read each event makes goes out with If-None-Match and GitHub answers 304, which does not count
// against the primary rate limit (test/emulator/conditional.ts cites GitHub's docs).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Emulator, startEmulator } from "../emulator/index.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { commentPayload, pushPayload } from "./fixtures/event-payloads.js";
import { completeCheckRun } from "./fixtures/story-steps.js";
import { type RedisServer, startRedisServer } from "../runtime/queue/support/redis-server.js";
import { type AppProcess, startApp } from "./harness.js";

let gh: Emulator;
let app: AppProcess;
const [owner, repo] = ["thegreenwebfoundation", "admin-portal"];

beforeAll(async () => {
  gh = await startEmulator();
  const config = readFileSync("examples/greenweb.yml", "utf8");
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": config, ...workflowsFor(config) } });
  gh.createBranch(owner, repo, "staging");
  gh.createBranch(owner, repo, "master");
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

/** Send an event, let it finish, then send the same kind again and return what the repeat cost. */
async function repeatCost(event: string, payload: () => Record<string, unknown>): Promise<{ points: number; calls: string[] }> {
  expect((await app.send(event, payload())).status).toBeLessThan(300);
  await app.settle(800);
  gh.resetCalls();
  expect((await app.send(event, payload())).status).toBeLessThan(300);
  await app.settle(800);
  const counted = gh.calls.filter((c) => !c.route.startsWith("/app"));
  return { points: gh.rateLimitPoints(), calls: counted.map((c) => `${c.method} ${c.route} ${c.status}`) };
}

describe("idle events on repeat", () => {
  it("a check run no environment names: the config read answers 304, 0 points, at most one call", async () => {
    const sha = gh.commit(owner, repo, "feature/x", { "a.py": "x = 1\n" }, "Work in progress");
    const cost = await repeatCost("check_run", () => completeCheckRun(gh, owner, repo, gh.addCheckRun(owner, repo, sha, "lint", null), "success"));
    expect(cost.points).toBe(0);
    expect(cost.calls.length).toBeLessThanOrEqual(1);
    expect(cost.calls.every((call) => call.endsWith(" 304"))).toBe(true);
  }, 30_000);

  it("a push to a branch nothing follows: 0 points", async () => {
    const cost = await repeatCost("push", () => {
      gh.commit(owner, repo, "feature/y", { "b.py": `y = ${Math.random()}\n` }, "More work");
      return pushPayload(gh, { owner, repo, ref: "feature/y" });
    });
    expect(cost.points).toBe(0);
    expect(cost.calls.length).toBeLessThanOrEqual(1);
  }, 30_000);

  it("a comment that is no command: 0 points", async () => {
    const number = gh.addIssue({ owner, repo, title: "Slow page" });
    const cost = await repeatCost("issue_comment", () => commentPayload(gh, { owner, repo, number, body: "Thanks, looking into it." }));
    expect(cost.points).toBe(0);
    expect(cost.calls.length).toBeLessThanOrEqual(1);
    expect(gh.violations).toEqual([]);
  }, 30_000);
});

describe("idle events with REDIS_URL", () => {
  let redis: RedisServer;
  afterAll(async () => {
    await redis?.stop();
  });

  it("share the cache across processes: a fresh replica's first config read is already a 304", async () => {
    redis = await startRedisServer();
    const env = { REDIS_URL: redis.url };
    const sha = gh.commit(owner, repo, "feature/z", { "c.py": "z = 1\n" }, "Another branch");
    const checkRun = () => completeCheckRun(gh, owner, repo, gh.addCheckRun(owner, repo, sha, "lint", null), "success");
    await app.stop();
    app = await startApp({ emulator: gh, env });
    expect((await app.send("check_run", checkRun())).status).toBeLessThan(300);
    await app.settle(800);
    await app.stop();
    // A new process has an empty memory: only Redis can make this read a 304.
    app = await startApp({ emulator: gh, env });
    gh.resetCalls();
    expect((await app.send("check_run", checkRun())).status).toBeLessThan(300);
    await app.settle(800);
    expect(gh.rateLimitPoints()).toBe(0);
    expect(gh.calls.filter((c) => !c.route.startsWith("/app")).map((c) => c.status)).toEqual([304]);
    expect(gh.violations).toEqual([]);
  }, 60_000);
});
