// A jobs.sqlite written before timers existed has no origin column: opening it adds the column,
// and the jobs stored in it run as the webhooks they are.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteQueue } from "../../../src/runtime/queue/sqlite.js";
import type { Job } from "../../../src/runtime/queue/types.js";
import { waitFor } from "./support/wait-for.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("a job store from before timers", () => {
  it("gains the origin column and runs its stored jobs as webhooks", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "rp-upgrade-"));
    dirs.push(dataDir);
    const old = new Database(join(dataDir, "jobs.sqlite"));
    old.exec(`CREATE TABLE jobs (
      id TEXT PRIMARY KEY, seq INTEGER NOT NULL UNIQUE, name TEXT NOT NULL, payload TEXT NOT NULL, repo_key TEXT NOT NULL,
      attempts INTEGER NOT NULL DEFAULT 0, state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
      last_error TEXT, enqueued_at INTEGER NOT NULL, run_at INTEGER NOT NULL)`);
    old
      .prepare("INSERT INTO jobs (id, seq, name, payload, repo_key, state, enqueued_at, run_at) VALUES ('d-old', 1, 'push', '{}', 'o/r', 'queued', 0, 0)")
      .run();
    old.close();

    const queue = createSqliteQueue({ dataDir, pollIntervalMs: 10 });
    const ran: Job[] = [];
    try {
      await queue.schedule({ id: "timer:new", name: "release-pilot.timer", payload: null, repoKey: "o/r", runAt: 0 });
      queue.start(async (job) => void ran.push(job));
      await waitFor(() => ran.length === 2, "the old job and the timer run");
    } finally {
      await queue.close();
    }
    expect(ran.map((job) => [job.id, job.origin])).toEqual([
      ["d-old", undefined],
      ["timer:new", "timer"],
    ]);
  });
});
