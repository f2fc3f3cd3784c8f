// The same promise with REDIS_URL: jobs live in Redis (BullMQ), so a replica killed mid-job
// leaves them to the next one. A missing redis-server fails this suite; it is never skipped.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempDataDir } from "../runtime/support/e2e.js";
import { killAndRestart } from "../runtime/support/restart-scenario.js";
import { startRedisServer, type RedisServer } from "../runtime/queue/support/redis-server.js";

const dataDir = tempDataDir();
let redis: RedisServer;

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("restart with the Redis job store", () => {
  it("finishes every release accepted before a SIGKILL once a replica is back, each PR once", async () => {
    // A killed replica's running job is taken back after the lock runs out: one second here.
    const figures = await killAndRestart({ dataDir, env: { REDIS_URL: redis.url, QUEUE_LOCK_MS: "1000" } });
    expect(figures.accepted).toBe(2);
    expect(figures.doneBeforeKill).toBeLessThan(2);
    expect([...figures.perTag.values()]).toEqual([1, 1]);
  }, 60_000);
});
