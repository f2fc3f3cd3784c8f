import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRedisQueue } from "../../../../src/runtime/queue/redis.js";
import { createSqliteQueue } from "../../../../src/runtime/queue/sqlite.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";
import type { JobQueue, QueueOptions } from "../../../../src/runtime/queue/types.js";

/** One queue backend as the shared contract tests see it. */
export interface Backend {
  readonly name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty queue with millisecond timings. */
  make(options?: QueueOptions): JobQueue;
  /** A factory of queues on one store, as a process restarted on the same data would open. */
  store(): (options?: QueueOptions) => JobQueue;
}

export function sqliteBackend(): Backend {
  const dirs: string[] = [];
  return {
    name: "sqlite",
    async setup() {},
    async teardown() {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
    make(options = {}) {
      const dataDir = mkdtempSync(join(tmpdir(), "rp-queue-"));
      dirs.push(dataDir);
      return createSqliteQueue({ dataDir, pollIntervalMs: 10, ...options });
    },
    store() {
      const dataDir = mkdtempSync(join(tmpdir(), "rp-queue-"));
      dirs.push(dataDir);
      return (options = {}) => createSqliteQueue({ dataDir, pollIntervalMs: 10, ...options });
    },
  };
}

/** Millisecond timings for BullMQ so stalled jobs and busy repos come back quickly. */
export const fastRedisTimings = {
  repoLockTtlMs: 600,
  busyDelayMs: 15,
  lockDurationMs: 600,
  stalledIntervalMs: 300,
} as const;

export function redisBackend(): Backend {
  let server: RedisServer | undefined;
  let count = 0;
  return {
    name: "redis",
    async setup() {
      server = await startRedisServer();
    },
    async teardown() {
      await server?.stop();
    },
    make(options = {}) {
      if (!server) throw new Error("redis backend used before setup");
      count += 1;
      return createRedisQueue({
        redisUrl: server.url,
        queueName: `contract-${count}`,
        ...fastRedisTimings,
        ...options,
      });
    },
    store() {
      count += 1;
      const queueName = `contract-${count}`;
      return (options = {}) => {
        if (!server) throw new Error("redis backend used before setup");
        return createRedisQueue({ redisUrl: server.url, queueName, ...fastRedisTimings, ...options });
      };
    },
  };
}
