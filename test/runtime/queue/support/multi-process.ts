import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { CreateQueueOptions } from "../../../../src/runtime/queue/index.js";
import { fastRedisTimings } from "./backends.js";
import { spawnChildWorker, type ChildConfig, type ChildWorker } from "./child-worker.js";
import { compileQueue } from "./compile-queue.js";
import { startRedisServer, type RedisServer } from "./redis-server.js";

// Loading bullmq alone takes a second or more on a busy two-core CI machine.
export const childStartMs = 15_000;

export interface MultiProcess {
  /** A fresh directory for this test: the SQLite file and the run log live there. */
  tempDir(): string;
  sqliteOptions(dataDir: string): CreateQueueOptions;
  redisOptions(queueName: string): CreateQueueOptions;
  spawn(config: Omit<ChildConfig, "queueModule">): ChildWorker;
}

/** Registers the hooks of a test file whose tests run queue workers as child processes. */
export function useMultiProcess(): MultiProcess {
  let redis: RedisServer | undefined;
  let compiled: { indexUrl: string; dir: string } | undefined;
  const dirs: string[] = [];
  const children: ChildWorker[] = [];

  beforeAll(async () => {
    compiled = compileQueue();
    redis = await startRedisServer();
  });
  afterEach(async () => {
    await Promise.all(children.splice(0).map((child) => child.kill("SIGKILL")));
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });
  afterAll(async () => {
    await redis?.stop();
    if (compiled) rmSync(compiled.dir, { recursive: true, force: true });
  });

  return {
    tempDir() {
      const dir = mkdtempSync(join(tmpdir(), "rp-queue-proc-"));
      dirs.push(dir);
      return dir;
    },
    sqliteOptions: (dataDir) => ({ dataDir, pollIntervalMs: 20 }),
    redisOptions(queueName) {
      if (!redis) throw new Error("redis-server not started");
      return { redisUrl: redis.url, queueName, ...fastRedisTimings };
    },
    spawn(config) {
      if (!compiled) throw new Error("queue not compiled");
      const child = spawnChildWorker({ ...config, queueModule: compiled.indexUrl });
      children.push(child);
      return child;
    },
  };
}
