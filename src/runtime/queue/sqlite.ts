import { mkdirSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { notifyFailed } from "./on-failed.js";
import { decideAfterError, resolvePolicy } from "./retry-policy.js";
import { createSqliteWriter } from "./sqlite-writer.js";
import type { Job, JobQueue, JobState, NewJob, NewTimer, QueueOptions, Worker } from "./types.js";

const day = 24 * 60 * 60 * 1000;
// Same retention as the Redis backend: done rows are what recognise a redelivery, which
// GitHub allows for 3 days; failed rows stay longer so a person can look and retry.
const keepDoneMs = 3 * day;
const keepFailedMs = 14 * day;
const pruneEveryMs = 60 * 60 * 1000;

export interface SqliteQueueOptions extends QueueOptions {
  /** Directory of `jobs.sqlite`; default `./data`. */
  readonly dataDir?: string;
  /** How often idle workers look for due jobs (retries coming due); enqueue wakes them at once. */
  readonly pollIntervalMs?: number;
  /** Told how many writes (stored deliveries, claims, job outcomes) each commit held. */
  readonly onCommit?: (writes: number) => void;
}

interface Row {
  id: string;
  seq: number;
  name: string;
  payload: string;
  repo_key: string;
  attempts: number;
  state: JobState;
  last_error: string | null;
  enqueued_at: number;
  run_at: number;
  origin: string;
}

interface TimerRow {
  id: string;
  name: string;
  payload: string;
  repo_key: string;
  run_at: number;
}

/** Due timers moved into the jobs per claim; the rest wait for the next poll. */
const TIMERS_PER_CLAIM = 100;

// `seq` gives the enqueue order explicitly: an implicit rowid may be renumbered by VACUUM.
const schema = `
CREATE TABLE IF NOT EXISTS jobs (
  id TEXT PRIMARY KEY,
  seq INTEGER NOT NULL UNIQUE,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  repo_key TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed')),
  last_error TEXT,
  enqueued_at INTEGER NOT NULL,
  run_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS jobs_by_state ON jobs (state, run_at);
CREATE INDEX IF NOT EXISTS jobs_by_repo ON jobs (repo_key, state, seq);
CREATE INDEX IF NOT EXISTS jobs_by_state_repo ON jobs (state, repo_key, seq);
CREATE TABLE IF NOT EXISTS timers (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  payload TEXT NOT NULL,
  repo_key TEXT NOT NULL,
  run_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS timers_by_time ON timers (run_at);
`;

/** A store written before timers existed has no origin column; every row in it is a webhook. */
function addOriginColumn(db: Database.Database): void {
  const columns = db.prepare<[], { name: string }>("PRAGMA table_info(jobs)").all();
  if (!columns.some((column) => column.name === "origin")) {
    db.exec("ALTER TABLE jobs ADD COLUMN origin TEXT NOT NULL DEFAULT 'webhook'");
  }
}

// A job is due when it is the first queued job of its repo (even if that one waits out a
// backoff, later ones wait behind it), its time has come, and nothing of its repo runs: that
// keeps each repo strictly in order, and at most one job per repo qualifies, so one pass never
// hands two jobs of a repo to the workers. The repos are found by hopping from one repo_key to
// the next in the (state, repo_key, seq) index, and each head by one seek in it, so a poll costs
// a few seeks per repo: grouping every queued row instead made each poll linear in the backlog,
// and polls come after every commit, so a backlog slowed the webhook route it came from.
const dueJobs = `
WITH RECURSIVE repo(key) AS (
  SELECT (SELECT MIN(repo_key) FROM jobs WHERE state = 'queued')
  UNION ALL
  SELECT (SELECT MIN(repo_key) FROM jobs WHERE state = 'queued' AND repo_key > repo.key) FROM repo WHERE repo.key IS NOT NULL
)
SELECT j.* FROM repo
JOIN jobs AS j ON j.seq = (SELECT MIN(seq) FROM jobs WHERE state = 'queued' AND repo_key = repo.key)
WHERE repo.key IS NOT NULL
  AND j.run_at <= @now
  AND NOT EXISTS (SELECT 1 FROM jobs AS r WHERE r.repo_key = repo.key AND r.state = 'running')
ORDER BY j.seq
LIMIT @limit`;

/** One process owns the file: it alone may call `start`, which reclaims interrupted jobs. */
export function createSqliteQueue(options: SqliteQueueOptions = {}): JobQueue {
  const dataDir = options.dataDir ?? "./data";
  const policy = resolvePolicy(options.retry);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const pollIntervalMs = options.pollIntervalMs ?? 500;

  mkdirSync(dataDir, { recursive: true });
  const db = new Database(join(dataDir, "jobs.sqlite"));
  db.pragma("journal_mode = WAL");
  // The 202 promises the event is kept: sync each commit, webhooks are few enough to afford it.
  db.pragma("synchronous = FULL");
  db.pragma("busy_timeout = 5000");
  db.exec(schema);
  addOriginColumn(db);
  // Stored deliveries, claims and job outcomes of one turn of the event loop share one commit.
  const writer = createSqliteWriter(db, options.onCommit ? { onCommit: options.onCommit } : {});

  const insert = db.prepare(`
    INSERT OR IGNORE INTO jobs (id, seq, name, payload, repo_key, state, enqueued_at, run_at)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), @name, @payload, @repoKey, 'queued', @now, @now)`);
  // A timer waits in its own table, outside every repo's order, so it holds back no job while
  // it waits; once due it is inserted as the newest job of its repo, in the claim's commit.
  const insertTimer = db.prepare(`
    INSERT OR IGNORE INTO timers (id, name, payload, repo_key, run_at)
    SELECT @id, @name, @payload, @repoKey, @runAt WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE id = @id)`);
  const selectDueTimers = db.prepare<{ now: number; limit: number }, TimerRow>("SELECT * FROM timers WHERE run_at <= @now ORDER BY run_at, id LIMIT @limit");
  const insertTimerJob = db.prepare(`
    INSERT OR IGNORE INTO jobs (id, seq, name, payload, repo_key, state, enqueued_at, run_at, origin)
    VALUES (@id, (SELECT COALESCE(MAX(seq), 0) + 1 FROM jobs), @name, @payload, @repoKey, 'queued', @now, @now, 'timer')`);
  const deleteTimer = db.prepare<[string]>("DELETE FROM timers WHERE id = ?");
  const selectDue = db.prepare<{ now: number; limit: number }, Row>(dueJobs);
  const markRunning = db.prepare<[string]>("UPDATE jobs SET state = 'running', attempts = attempts + 1 WHERE id = ?");
  const markDone = db.prepare<[string]>("UPDATE jobs SET state = 'done' WHERE id = ?");
  const markRetry = db.prepare<{ id: string; runAt: number; error: string }>(
    "UPDATE jobs SET state = 'queued', run_at = @runAt, last_error = @error WHERE id = @id",
  );
  const markFailed = db.prepare<{ id: string; error: string }>("UPDATE jobs SET state = 'failed', last_error = @error WHERE id = @id");
  const requeue = db.prepare<{ id: string; now: number }>("UPDATE jobs SET state = 'queued', attempts = 0, run_at = @now WHERE id = @id AND state = 'failed'");
  const prune = db.prepare<{ doneBefore: number; failedBefore: number }>(`
    DELETE FROM jobs
    WHERE (state = 'done' AND enqueued_at < @doneBefore) OR (state = 'failed' AND enqueued_at < @failedBefore)`);
  const countUnfinished = db.prepare<[], { n: number }>("SELECT COUNT(*) AS n FROM jobs WHERE state IN ('queued', 'running')");

  /** Runs inside a group commit (see `tick`), which makes it atomic. */
  const claim = (limit: number): Row[] => {
    const at = now();
    for (const due of selectDueTimers.all({ now: at, limit: TIMERS_PER_CLAIM })) {
      insertTimerJob.run({ id: due.id, name: due.name, payload: due.payload, repoKey: due.repo_key, now: at });
      deleteTimer.run(due.id);
    }
    const rows = selectDue.all({ now: now(), limit });
    for (const row of rows) markRunning.run(row.id);
    return rows.map((row) => ({ ...row, state: "running", attempts: row.attempts + 1 }));
  };

  // A process killed mid-job left rows `running`. Its runs count as attempts, so an event that
  // crashes the process every time ends failed instead of crash-looping the app.
  const reclaim = db.transaction((): Row[] => {
    const interrupted = db.prepare<[], Row>("SELECT * FROM jobs WHERE state = 'running'").all();
    const exhausted: Row[] = [];
    for (const row of interrupted) {
      if (row.attempts >= policy.maxAttempts) {
        markFailed.run({ id: row.id, error: "interrupted: the process stopped during the run" });
        exhausted.push({ ...row, state: "failed", last_error: "interrupted: the process stopped during the run" });
      } else {
        markRetry.run({ id: row.id, runAt: now(), error: row.last_error ?? "interrupted" });
      }
    }
    return exhausted;
  });

  let worker: Worker | undefined;
  let concurrency = 4;
  let stopping = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;
  let prunedAt = Number.NEGATIVE_INFINITY;
  const inFlight = new Set<Promise<void>>();
  /** The claim waiting for the next commit; one at a time, so the free slots it counts are real. */
  let claiming: Promise<void> | undefined;

  function schedule(delayMs: number): void {
    if (!worker || stopping) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(tick, delayMs);
  }

  function tick(): void {
    timer = undefined;
    if (!worker || stopping) return;
    try {
      if (now() - prunedAt >= pruneEveryMs) {
        prunedAt = now();
        prune.run({ doneBefore: prunedAt - keepDoneMs, failedBefore: prunedAt - keepFailedMs });
      }
    } catch (error) {
      options.logger?.error({ err: error }, "could not prune old jobs");
    }
    // The claim rides on the commit of this turn's deliveries and outcomes instead of syncing
    // the disk once more on its own; the slots are counted when it runs, at that commit.
    if (!claiming && concurrency - inFlight.size > 0) {
      claiming = writer
        .write(() => (!worker || stopping ? [] : claim(concurrency - inFlight.size)))
        .then(
          (rows) => {
            // Launched right as the commit resolves: no stop() can come in between, so a row
            // marked running is always run.
            for (const row of rows) if (worker) launch(worker, row);
          },
          (error: unknown) => options.logger?.error({ err: error }, "could not claim jobs; polling again"),
        )
        .finally(() => {
          claiming = undefined;
        });
    }
    if (!timer) schedule(pollIntervalMs);
  }

  function launch(work: Worker, row: Row): void {
    const run = runJob(work, row)
      .catch((error: unknown) => {
        // The store itself failed; the row stays `running` and the next start reclaims it.
        options.logger?.error({ err: error, jobId: row.id }, "could not record a job's outcome");
      })
      .finally(() => {
        inFlight.delete(run);
        // A finished job may unblock the next one of its repo.
        schedule(0);
      });
    inFlight.add(run);
  }

  async function runJob(work: Worker, row: Row): Promise<void> {
    const job = toJob(row);
    let outcome: { ok: true } | { ok: false; error: unknown };
    try {
      await work(job);
      outcome = { ok: true };
    } catch (error) {
      outcome = { ok: false, error };
    }
    // Outcomes share the turn's commit too. Until it lands the row reads `running`, so the repo's
    // next job waits for it; a crash before it runs the job again, as a crash during the job would.
    if (outcome.ok) {
      await writer.write(() => markDone.run(row.id));
      return;
    }
    const decision = decideAfterError(outcome.error, row.attempts, policy, random);
    if (decision.kind === "retry") {
      await writer.write(() => markRetry.run({ id: row.id, runAt: now() + decision.delayMs, error: decision.message }));
      return;
    }
    await writer.write(() => markFailed.run({ id: row.id, error: decision.message }));
    await notifyFailed(options, { ...job, state: "failed", lastError: decision.message }, outcome.error);
  }

  function assertOpen(): void {
    if (closed) throw new Error("the job queue is closed");
  }

  async function stop(): Promise<void> {
    stopping = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    // A claim already committed launches its jobs before it settles; wait for it, then for them.
    await claiming;
    await Promise.all([...inFlight]);
    worker = undefined;
  }

  return {
    async enqueue(job: NewJob) {
      assertOpen();
      const row = { id: job.id, name: job.name, payload: JSON.stringify(job.payload ?? null), repoKey: job.repoKey, now: now() };
      // Resolves only once the transaction holding this row has committed, so the 202 that
      // follows is still a promise kept through a crash. A redelivery in the same batch sees
      // the first row and is ignored, as it would be in a later one.
      const accepted = await writer.write(() => insert.run(row).changes === 1);
      if (accepted) schedule(0);
      return { accepted };
    },

    async schedule(entry: NewTimer) {
      assertOpen();
      const row = { id: entry.id, name: entry.name, payload: JSON.stringify(entry.payload ?? null), repoKey: entry.repoKey, runAt: entry.runAt };
      const accepted = await writer.write(() => insertTimer.run(row).changes === 1);
      // The poll notices it when due; one due now need not wait for the poll.
      if (accepted && entry.runAt <= now()) schedule(0);
      return { accepted };
    },

    start(work, opts = {}) {
      assertOpen();
      if (worker) throw new Error("the job queue is already started");
      worker = work;
      concurrency = Math.max(1, opts.concurrency ?? 4);
      stopping = false;
      for (const row of reclaim()) {
        void notifyFailed(options, toJob(row), new Error(row.last_error ?? "interrupted"));
      }
      schedule(0);
    },

    stop,

    async list(filter = {}) {
      assertOpen();
      const rows = filter.state
        ? db.prepare<[string], Row>("SELECT * FROM jobs WHERE state = ? ORDER BY seq").all(filter.state)
        : db.prepare<[], Row>("SELECT * FROM jobs ORDER BY seq").all();
      return rows.map(toJob);
    },

    async retry(id) {
      assertOpen();
      const changed = requeue.run({ id, now: now() }).changes === 1;
      if (changed) schedule(0);
      return changed;
    },

    async depth() {
      assertOpen();
      return countUnfinished.get()?.n ?? 0;
    },

    async healthy() {
      if (closed) return false;
      try {
        db.prepare("SELECT 1").get();
        return true;
      } catch (error) {
        options.logger?.warn({ err: error }, "job store health check failed");
        return false;
      }
    },

    async close() {
      if (closed) return;
      await stop();
      // Deliveries handed over in this very turn are stored, not dropped with the connection.
      writer.flush();
      closed = true;
      db.close();
    },
  };

  function toJob(row: Row): Job {
    return {
      id: row.id,
      name: row.name,
      payload: JSON.parse(row.payload) as unknown,
      repoKey: row.repo_key,
      attempts: row.attempts,
      state: row.state,
      ...(row.last_error === null ? {} : { lastError: row.last_error }),
      enqueuedAt: row.enqueued_at,
      ...(row.origin === "timer" ? { origin: "timer" as const } : {}),
    };
  }
}
