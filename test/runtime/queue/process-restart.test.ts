import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createQueue, type CreateQueueOptions } from "../../../src/runtime/queue/index.js";
import { fastRedisTimings } from "./support/backends.js";
import { readLog, spawnChildWorker as spawnChild, type ChildConfig, type ChildWorker } from "./support/child-worker.js";
import { compileQueue } from "./support/compile-queue.js";
import { startRedisServer, type RedisServer } from "./support/redis-server.js";
import { waitFor } from "./support/wait-for.js";

// Loading bullmq alone takes a second or more on a busy two-core CI machine.
const childStartMs = 15_000;

let redis: RedisServer | undefined;
let compiled: { indexUrl: string; dir: string } | undefined;
let dir = "";
const children: ChildWorker[] = [];

function spawnChildWorker(config: Omit<ChildConfig, "queueModule">): ChildWorker {
  if (!compiled) throw new Error("queue not compiled");
  return spawnChild({ ...config, queueModule: compiled.indexUrl });
}

beforeAll(async () => {
  compiled = compileQueue();
  redis = await startRedisServer();
});
afterEach(async () => {
  await Promise.all(children.splice(0).map((child) => child.kill("SIGKILL")));
  rmSync(dir, { recursive: true, force: true });
});
afterAll(async () => {
  await redis?.stop();
  if (compiled) rmSync(compiled.dir, { recursive: true, force: true });
});

const backends: { name: string; options: (dir: string) => CreateQueueOptions }[] = [
  { name: "sqlite", options: (dataDir) => ({ dataDir, pollIntervalMs: 20 }) },
  {
    name: "redis",
    options: (dataDir) => ({ redisUrl: redis?.url, queueName: `restart-${dataDir.slice(-6)}`, ...fastRedisTimings }),
  },
];

describe.each(backends)("$name queue across processes", ({ options }) => {
  it("finishes, exactly once, the jobs a killed process had in flight", async () => {
    dir = mkdtempSync(join(tmpdir(), "rp-restart-"));
    const log = join(dir, "runs.log");
    const queue = createQueue(options(dir));
    const ids = ["a", "b", "c"].flatMap((repo) => [1, 2].map((n) => `${repo}-${n}`));
    for (const id of ids) await queue.enqueue({ id, name: "push", payload: { id }, repoKey: `o/${id[0]}` });
    await queue.close();

    const first = spawnChildWorker({ queue: options(dir), log, worker: "first", jobMs: 1_500, concurrency: 3 });
    children.push(first);
    await first.ready;
    await waitFor(() => readLog(log).filter((l) => l.event === "start").length === 3, "three jobs in flight", childStartMs);
    await first.kill("SIGKILL");
    const interrupted = readLog(log).map((line) => line.id);

    const second = spawnChildWorker({ queue: options(dir), log, worker: "second", jobMs: 50, concurrency: 3 });
    children.push(second);
    await waitFor(() => readLog(log).filter((l) => l.event === "done").length >= ids.length, "every job done", childStartMs);
    await second.kill("SIGTERM");

    const done = readLog(log).filter((line) => line.event === "done");
    expect(done.map((line) => line.id).sort()).toEqual([...ids].sort());
    expect(new Set(done.map((line) => line.worker))).toEqual(new Set(["second"]));
    expect(interrupted).toHaveLength(3);
    // Each repo's first job was the one in flight, and it still ran before the second.
    for (const repo of ["a", "b", "c"]) {
      expect(done.filter((line) => line.id.startsWith(repo)).map((line) => line.id)).toEqual([`${repo}-1`, `${repo}-2`]);
    }
  });
});

describe("redis queue shared by two processes", () => {
  it("processes 1,000 jobs exactly once between both, each repo in order", async () => {
    dir = mkdtempSync(join(tmpdir(), "rp-shared-"));
    const log = join(dir, "runs.log");
    const options = backends[1]!.options(dir);
    const workers = ["one", "two"].map((worker) =>
      spawnChildWorker({ queue: options, log, worker, jobMs: 2, concurrency: 8 }),
    );
    children.push(...workers);
    await Promise.all(workers.map((worker) => worker.ready));

    const queue = createQueue(options);
    const repos = Array.from({ length: 50 }, (_, r) => `o/repo${r}`);
    const idsOf = (repo: string) => Array.from({ length: 20 }, (_, n) => `${repo.slice(2)}-${n}`);
    // Repos enqueue concurrently, each repo's jobs one after the other so their order is known.
    await Promise.all(
      repos.map(async (repo) => {
        for (const id of idsOf(repo)) await queue.enqueue({ id, name: "push", payload: null, repoKey: repo });
      }),
    );
    await waitFor(() => readLog(log).filter((l) => l.event === "done").length >= 1_000, "1,000 jobs done", 20_000);
    await waitFor(async () => (await queue.depth()) === 0, "the queue drained");
    await queue.close();

    const done = readLog(log).filter((line) => line.event === "done");
    const perId = new Map<string, number>();
    for (const line of done) perId.set(line.id, (perId.get(line.id) ?? 0) + 1);
    expect(perId.size).toBe(1_000);
    expect([...perId.values()].every((n) => n === 1)).toBe(true);
    expect(done.filter((line) => line.worker === "one").length).toBeGreaterThan(0);
    expect(done.filter((line) => line.worker === "two").length).toBeGreaterThan(0);
    for (const repo of repos) {
      expect(done.filter((line) => line.id.startsWith(`${repo.slice(2)}-`)).map((line) => line.id)).toEqual(idsOf(repo));
    }
  });
});
