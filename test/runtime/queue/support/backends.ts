import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteQueue } from "../../../../src/runtime/queue/sqlite.js";
import type { JobQueue, QueueOptions } from "../../../../src/runtime/queue/types.js";

/** One queue backend as the shared contract tests see it. */
export interface Backend {
  readonly name: string;
  setup(): Promise<void>;
  teardown(): Promise<void>;
  /** A fresh, empty queue with millisecond timings. */
  make(options?: QueueOptions): JobQueue;
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
  };
}
