// Group commit in the SQLite queue: deliveries handed over in the same turn of the event loop are
// stored by one transaction (one fsync), and each caller hears back only after that commit.
// Faults are injected with triggers from a second connection, as a broken disk would show them:
// RAISE(ROLLBACK) undoes the whole transaction, RAISE(ABORT) only the statement at fault.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createSqliteQueue } from "../../../src/runtime/queue/sqlite.js";
import { MAX_WRITES_PER_COMMIT } from "../../../src/runtime/queue/sqlite-writer.js";
import type { JobQueue, NewJob } from "../../../src/runtime/queue/types.js";

const dirs: string[] = [];
const queues: JobQueue[] = [];
afterEach(async () => {
  await Promise.all(queues.splice(0).map((queue) => queue.close()));
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function open(dataDir = mkdtempSync(join(tmpdir(), "rp-group-")), pollIntervalMs = 10): { queue: JobQueue; commits: number[]; dataDir: string } {
  dirs.push(dataDir);
  const commits: number[] = [];
  const queue = createSqliteQueue({ dataDir, pollIntervalMs, onCommit: (writes) => void commits.push(writes) });
  queues.push(queue);
  return { queue, commits, dataDir };
}

/** What another process (or a failing disk) does to the file underneath the queue. */
function onFile(dataDir: string, sql: string): void {
  const db = new Database(join(dataDir, "jobs.sqlite"));
  db.exec(sql);
  db.close();
}

const job = (id: string, payload: unknown = { id }): NewJob => ({ id, name: "push", payload, repoKey: "o/r" });

describe("sqlite queue group commit", () => {
  it("stores deliveries handed over together in one transaction, in their order", async () => {
    const { queue, commits } = open();

    const results = await Promise.all(["a", "b", "c", "d", "e"].map((id) => queue.enqueue(job(id))));

    expect(results).toEqual(Array.from({ length: 5 }, () => ({ accepted: true })));
    expect(commits).toEqual([5]);
    expect((await queue.list()).map((j) => j.id)).toEqual(["a", "b", "c", "d", "e"]);
  });

  it("commits a lone delivery by itself, without waiting for company", async () => {
    const { queue, commits } = open();

    expect(await queue.enqueue(job("alone"))).toEqual({ accepted: true });
    expect(await queue.enqueue(job("next"))).toEqual({ accepted: true });

    expect(commits).toEqual([1, 1]);
  });

  it("keeps a delivery redelivered within the same batch as one job, the first one", async () => {
    const { queue, commits } = open();

    const results = await Promise.all([queue.enqueue(job("d", { n: 1 })), queue.enqueue(job("d", { n: 2 })), queue.enqueue(job("e"))]);

    expect(results).toEqual([{ accepted: true }, { accepted: false }, { accepted: true }]);
    expect(commits).toEqual([3]);
    expect((await queue.list()).map((j) => [j.id, j.payload])).toEqual([
      ["d", { n: 1 }],
      ["e", { id: "e" }],
    ]);
  });

  it("answers every caller of a batch whose transaction failed with the error, and stores none of it", async () => {
    const { queue, commits, dataDir } = open();
    await queue.enqueue(job("before"));
    onFile(dataDir, "CREATE TRIGGER broken BEFORE INSERT ON jobs WHEN NEW.id = 'boom' BEGIN SELECT RAISE(ROLLBACK, 'disk I/O error'); END");

    const results = await Promise.allSettled([queue.enqueue(job("x")), queue.enqueue(job("boom")), queue.enqueue(job("y"))]);

    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    for (const result of results) expect(result.status === "rejected" && String(result.reason)).toMatch(/disk I\/O error/);
    expect(commits).toEqual([1]);
    expect((await queue.list()).map((j) => j.id)).toEqual(["before"]);

    // Nothing was promised, so the redeliveries GitHub makes are new jobs once the store works.
    onFile(dataDir, "DROP TRIGGER broken");
    expect(await Promise.all([queue.enqueue(job("x")), queue.enqueue(job("y"))])).toEqual([{ accepted: true }, { accepted: true }]);
    expect((await queue.list()).map((j) => j.id)).toEqual(["before", "x", "y"]);
  });

  it("answers only the caller whose own row failed when the rest of the batch commits", async () => {
    const { queue, commits, dataDir } = open();
    onFile(dataDir, "CREATE TRIGGER picky BEFORE INSERT ON jobs WHEN NEW.id = 'bad' BEGIN SELECT RAISE(ABORT, 'row refused'); END");

    const results = await Promise.allSettled([queue.enqueue(job("x")), queue.enqueue(job("bad")), queue.enqueue(job("y"))]);

    expect(results.map((r) => (r.status === "fulfilled" ? r.value : String(r.reason)))).toEqual([
      { accepted: true },
      expect.stringMatching(/row refused/),
      { accepted: true },
    ]);
    expect(commits).toEqual([3]);
    expect((await queue.list()).map((j) => j.id)).toEqual(["x", "y"]);
  });

  it(`commits at once when ${MAX_WRITES_PER_COMMIT} writes are pending, and the rest at the end of the turn`, async () => {
    const { queue, commits } = open();

    const ids = Array.from({ length: MAX_WRITES_PER_COMMIT + 3 }, (_, i) => `d${i}`);
    const results = await Promise.all(ids.map((id) => queue.enqueue(job(id))));

    expect(results.every((r) => r.accepted)).toBe(true);
    expect(commits).toEqual([MAX_WRITES_PER_COMMIT, 3]);
    expect(await queue.depth()).toBe(ids.length);
  });

  it("stores a delivery handed over just before close, where the next process finds it", async () => {
    const { queue, dataDir } = open();

    const pending = queue.enqueue(job("last"));
    await queue.close();

    expect(await pending).toEqual({ accepted: true });
    const { queue: reopened } = open(dataDir);
    expect((await reopened.list()).map((j) => j.id)).toEqual(["last"]);
  });

  it("shares a commit between the deliveries of a turn and the outcome of a job finished in it", async () => {
    // No polling in between: the only claims are the ones a commit or a finished job asks for.
    const { queue, commits } = open(undefined, 60_000);
    await queue.enqueue(job("first"));
    let finish: () => void = () => undefined;
    queue.start((running) => (running.id === "first" ? new Promise<void>((resolve) => (finish = resolve)) : Promise.resolve()));
    await waitUntil(async () => (await queue.list({ state: "running" })).length === 1);
    commits.length = 0;

    finish();
    const accepted = await queue.enqueue(job("second"));

    expect(accepted).toEqual({ accepted: true });
    // The job's `done` and the new delivery went in together; the claim of "second" comes after.
    expect(commits[0]).toBe(2);
    await waitUntil(async () => (await queue.depth()) === 0);
  });
});

async function waitUntil(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000 && !(await check()); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(await check()).toBe(true);
}
