import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createSqliteQueue } from "../../../src/runtime/queue/sqlite.js";
import type { JobQueue } from "../../../src/runtime/queue/types.js";
import { waitFor } from "./support/wait-for.js";

// What a process killed mid-run leaves behind: the row still `running`, its attempt counted.
function leaveRunning(dataDir: string, id: string, attempts: number): void {
  const db = new Database(join(dataDir, "jobs.sqlite"));
  db.prepare("UPDATE jobs SET state = 'running', attempts = ? WHERE id = ?").run(attempts, id);
  db.close();
}

describe("sqlite queue retention", () => {
  it("forgets done jobs after three days, so the file does not grow forever", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rp-prune-"));
    let clock = Date.UTC(2025, 0, 1);
    const queue = createSqliteQueue({ dataDir, pollIntervalMs: 10, now: () => clock });
    try {
      await queue.enqueue({ id: "old", name: "push", payload: null, repoKey: "o/r" });
      queue.start(async () => {});
      await waitFor(async () => (await queue.depth()) === 0, "the job done");
      expect(await queue.enqueue({ id: "old", name: "push", payload: null, repoKey: "o/r" })).toEqual({ accepted: false });

      clock += 3 * 24 * 60 * 60 * 1000 + 1;
      await waitFor(async () => (await queue.list()).length === 0, "the done job pruned");
    } finally {
      await queue.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe("sqlite queue after a crash", () => {
  let dataDir = "";
  let queue: JobQueue | undefined;
  afterEach(async () => {
    await queue?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function crashedWith(attempts: number, onFailed = vi.fn()): Promise<JobQueue> {
    dataDir = mkdtempSync(join(tmpdir(), "rp-reclaim-"));
    const before = createSqliteQueue({ dataDir });
    await before.enqueue({ id: "j", name: "push", payload: null, repoKey: "o/r" });
    await before.close();
    leaveRunning(dataDir, "j", attempts);
    queue = createSqliteQueue({ dataDir, pollIntervalMs: 10, retry: { maxAttempts: 3 }, onFailed });
    return queue;
  }

  it("runs again a job the dead process left running", async () => {
    const q = await crashedWith(1);
    const seen: number[] = [];

    q.start(async (job) => void seen.push(job.attempts));
    await waitFor(async () => (await q.depth()) === 0, "the job done");

    expect(seen).toEqual([2]);
  });

  it("fails, instead of running a fourth time, a job that was running at each of three crashes", async () => {
    const onFailed = vi.fn();
    const q = await crashedWith(3, onFailed);
    const worker = vi.fn(async () => {});

    q.start(worker);
    await waitFor(() => onFailed.mock.calls.length === 1, "onFailed");

    expect(worker).not.toHaveBeenCalled();
    expect(await q.list()).toMatchObject([{ id: "j", state: "failed", lastError: expect.stringMatching(/interrupted/) }]);
  });
});
