// Two replicas behind one Redis (REDIS_URL) share the work of 1,000 deliveries: each delivery is
// taken in by one of them, run by exactly one of them, and one repository's jobs still run one
// after another in the order they came in, whichever replica runs them. A missing redis-server
// fails this suite; it is never skipped.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { startRedisServer, type RedisServer } from "../runtime/queue/support/redis-server.js";
import { expectNoSecretsInLogs, makeSecrets, startRuntimeApp, type RuntimeApp } from "../runtime/support/e2e.js";
import { examplePayload } from "./fixtures/payloads.js";

const owner = "acme";
const DELIVERIES = 1_000;
const REPOS = 50;
const IN_FLIGHT = 16;
const secrets = makeSecrets();

interface Sent {
  readonly id: string;
  readonly repo: string;
  readonly status: number;
  readonly via: "A" | "B";
}

interface Done {
  readonly delivery: string;
  readonly repo: string;
  /** When the run ended and how long it took, both from the replica's clock (same machine). */
  readonly time: number;
  readonly ms: number;
  readonly by: "A" | "B";
}

let gh: Emulator;
let redis: RedisServer;
const apps: { A?: RuntimeApp; B?: RuntimeApp } = {};

beforeAll(async () => {
  redis = await startRedisServer();
  gh = await startEmulator();
  // Repositories without `.github/release-pilot.yml`: each push job reads the config through the
  // emulator, finds none and stops, so the work is observable and makes no writes.
  for (let i = 0; i < REPOS; i++) gh.createRepo({ owner, repo: `plain-${i}`, files: { "README.md": "no config here" } });
  // Same secret and key on both, as replicas behind one load balancer; each its own DATA_DIR and port.
  const env = { REDIS_URL: redis.url, QUEUE_LOCK_MS: "5000", RETRY_MAX_ATTEMPTS: "3" };
  apps.A = await startRuntimeApp(gh, secrets, { env });
  apps.B = await startRuntimeApp(gh, secrets, { env });
}, 60_000);

afterAll(async () => {
  await apps.A?.kill();
  await apps.B?.kill();
  await gh?.close();
  await redis?.stop();
});

/**
 * Delivery k goes to repo k mod 50, through replica A when k is even and B when odd. They go in
 * rounds of 50 (16 in flight), so a repo's deliveries are each answered before the next is sent
 * and their enqueue order is known.
 */
async function sendAll(a: RuntimeApp, b: RuntimeApp): Promise<Sent[]> {
  const payloads = Array.from({ length: REPOS }, (_, i) =>
    examplePayload("push", undefined, { owner, repo: `plain-${i}`, installationId: 1, overrides: { ref: "refs/heads/main" } }),
  );
  const sent: Sent[] = [];
  for (let round = 0; round * REPOS < DELIVERIES; round++) {
    let next = round * REPOS;
    const end = Math.min(DELIVERIES, next + REPOS);
    const sender = async (): Promise<void> => {
      while (next < end) {
        const k = next++;
        const via = k % 2 === 0 ? "A" : "B";
        const id = randomUUID();
        const result = await (via === "A" ? a : b).deliver("push", payloads[k % REPOS], { deliveryId: id });
        sent[k] = { id, repo: `plain-${k % REPOS}`, status: result.status, via };
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, sender));
  }
  return sent;
}

function doneBy(app: RuntimeApp, by: "A" | "B"): Done[] {
  return app
    .jsonLogs()
    .filter((line) => line["msg"] === "job done")
    .map((line) => ({
      delivery: String(line["delivery"]),
      repo: String(line["repo"]).split("/")[1] ?? "",
      time: Number(line["time"]),
      ms: Number(line["ms"]),
      by,
    }));
}

describe("two replicas sharing one Redis", () => {
  it("run each of 1,000 deliveries exactly once between them, each replica a real share, per repo in order", async () => {
    const a = apps.A!;
    const b = apps.B!;
    const started = performance.now();
    const sent = await sendAll(a, b);
    expect(sent.filter((s) => s.status !== 202)).toEqual([]);

    const done = (): Done[] => [...doneBy(a, "A"), ...doneBy(b, "B")];
    await a.waitFor(() => done().length >= DELIVERIES, 90_000);
    // A job run twice would log a second "job done" shortly after; give it the chance to.
    await a.settle(1_500);
    const seconds = (performance.now() - started) / 1000;

    const all = done();
    const runs = new Map<string, number>();
    for (const job of all) runs.set(job.delivery, (runs.get(job.delivery) ?? 0) + 1);
    const duplicates = [...runs.values()].filter((n) => n > 1).length;
    const lost = sent.filter((s) => !runs.has(s.id)).length;
    const byA = all.filter((job) => job.by === "A").length;
    const byB = all.filter((job) => job.by === "B").length;
    // Without a shared queue each replica would run exactly what it took in: the proof of sharing
    // is work taken in by one replica and run by the other.
    const via = new Map(sent.map((s) => [s.id, s.via]));
    const crossed = {
      AtoB: all.filter((job) => job.by === "B" && via.get(job.delivery) === "A").length,
      BtoA: all.filter((job) => job.by === "A" && via.get(job.delivery) === "B").length,
    };
    console.log(`deliveries ${DELIVERIES}, app A ${byA}, app B ${byB}, duplicates ${duplicates}, lost ${lost}, seconds ${seconds.toFixed(1)}`);
    console.log(`taken in by A and run by B ${crossed.AtoB}, taken in by B and run by A ${crossed.BtoA}`);

    expect({ duplicates, lost, runs: all.length }).toEqual({ duplicates: 0, lost: 0, runs: DELIVERIES });
    expect(new Set(runs.keys())).toEqual(new Set(sent.map((s) => s.id)));
    expect(byA).toBeGreaterThan(DELIVERIES / 10);
    expect(byB).toBeGreaterThan(DELIVERIES / 10);
    expect(crossed.AtoB).toBeGreaterThan(DELIVERIES / 20);
    expect(crossed.BtoA).toBeGreaterThan(DELIVERIES / 20);

    // Each run read the repo's config through the emulator: one read per delivery, none twice.
    const configReads = gh.calls.filter((c) => c.method === "GET" && /^\/repos\/acme\/plain-\d+\/contents\/\.github(\/|%2F)release-pilot\.yml/u.test(c.path));
    expect(configReads.length).toBe(DELIVERIES);

    // One repo's jobs, in the order they were sent, each start no earlier than the one before ended.
    expect(all.filter((job) => !Number.isFinite(job.time) || !Number.isFinite(job.ms))).toEqual([]);
    const doneById = new Map(all.map((job) => [job.delivery, job]));
    const overlaps: string[] = [];
    for (let r = 0; r < REPOS; r++) {
      const jobs = sent.filter((s) => s.repo === `plain-${r}`).map((s) => doneById.get(s.id)!);
      for (let i = 1; i < jobs.length; i++) {
        const [before, after] = [jobs[i - 1]!, jobs[i]!];
        if (after.time - after.ms < before.time)
          overlaps.push(`plain-${r}: ${after.delivery} (${after.by}) started before ${before.delivery} (${before.by}) ended`);
      }
    }
    expect(overlaps).toEqual([]);

    for (const app of [a, b]) {
      expect(app.jsonLogs().filter((line) => line["msg"] === "job run failed")).toEqual([]);
      expect(app.errorLogs()).toEqual([]);
    }
    expect(gh.counts().writes).toBe(0);
    expect(gh.violations).toEqual([]);
    expectNoSecretsInLogs([a, b], gh, secrets);
  }, 120_000);
});
