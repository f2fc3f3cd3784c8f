import { randomUUID } from "node:crypto";
import { DelayedError, Queue, Worker as BullWorker, type Job as BullJob } from "bullmq";
import { Redis } from "ioredis";
import { notifyFailed } from "./on-failed.js";
import { RepoOrder } from "./redis-repo-order.js";
import { decideAfterError, resolvePolicy } from "./retry-policy.js";
import type { Job, JobQueue, JobState, NewJob, NewTimer, QueueOptions, Worker } from "./types.js";

export interface RedisQueueOptions extends QueueOptions {
  readonly redisUrl: string;
  /** BullMQ queue name; replicas sharing it share the jobs. */
  readonly queueName?: string;
  /** How long a repo stays locked without renewal: a killed replica's repo frees after this. */
  readonly repoLockTtlMs?: number;
  /** Wait of a job whose repo is busy when it is next in line; longer further back. */
  readonly busyDelayMs?: number;
  /** BullMQ's job lock; a killed replica's running jobs are taken back after about this. */
  readonly lockDurationMs?: number;
  /** How often BullMQ looks for jobs whose worker died. */
  readonly stalledIntervalMs?: number;
}

const day = 24 * 60 * 60 * 1000;
// Finished jobs are what recognises a redelivery; GitHub redelivers for up to 3 days.
const keepCompleted = { age: (3 * day) / 1000 };
// Failed jobs stay longer so a person can look and retry; the dedupe keys must outlive both.
const keepFailed = { age: (14 * day) / 1000 };
const dedupeTtlMs = 14 * day;

interface JobData {
  readonly deliveryId: string;
  readonly payload: unknown;
  readonly repoKey: string;
  /** Place in the repo's order; 0 for a timer still waiting in the timers queue. */
  readonly seq: number;
  readonly attempts: number;
  readonly lastError?: string;
  readonly enqueuedAt: number;
  readonly origin?: "timer";
}

const queuedTypes = ["waiting", "delayed", "prioritized", "waiting-children"] as const;
const typesByState = {
  queued: queuedTypes,
  running: ["active"],
  done: ["completed"],
  failed: ["failed"],
} as const satisfies Record<JobState, readonly string[]>;

/** Any number of processes may share one queue; jobs are at least once, per repo in order. */
export function createRedisQueue(options: RedisQueueOptions): JobQueue {
  const queueName = options.queueName ?? "release-pilot-webhooks";
  const policy = resolvePolicy(options.retry);
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const lockTtlMs = options.repoLockTtlMs ?? 30_000;
  const busyDelayMs = options.busyDelayMs ?? 500;
  const logger = options.logger;

  // BullMQ's blocking commands need maxRetriesPerRequest: null; our own scripts share it.
  const connection = new Redis(options.redisUrl, { maxRetriesPerRequest: null });
  connection.on("error", (error) => logger?.warn({ err: error }, "redis connection error"));
  const queue = new Queue<JobData>(queueName, {
    connection,
    defaultJobOptions: { attempts: 1, removeOnComplete: keepCompleted, removeOnFail: keepFailed },
  });
  const order = new RepoOrder(connection, {
    keyPrefix: `bull:${queueName}:release-pilot:`,
    jobKeyPrefix: `bull:${queueName}:`,
    lockTtlMs,
    dedupeTtlMs,
    orphanGraceMs: 60_000,
  });
  // Timers wait as BullMQ delayed jobs in a queue of their own, outside every repo's order and
  // out of the jobs' depth, as the SQLite store keeps them in a table of their own; when one is
  // due, its worker moves it into the jobs queue as the newest job of its repo.
  const timerQueueName = `${queueName}-timers`;
  const timerQueue = new Queue<JobData>(timerQueueName, {
    connection,
    defaultJobOptions: { attempts: 5, backoff: { type: "exponential", delay: 1_000 }, removeOnComplete: keepCompleted, removeOnFail: keepFailed },
  });
  const instance = randomUUID();
  let worker: BullWorker<JobData> | undefined;
  let timerWorker: BullWorker<JobData> | undefined;
  let closed = false;

  async function runJob(work: Worker, bullJob: BullJob<JobData>, token: string | undefined): Promise<void> {
    const data = bullJob.data;
    const member = bullJob.id ?? jobIdOf(data.deliveryId);
    const lockToken = `${instance}:${member}`;
    const claim = await order.claim(member, data.repoKey, data.seq, lockToken, now()).catch((error: unknown) => {
      logger?.warn({ err: error, jobId: data.deliveryId }, "could not claim the repo; trying later");
      return { claimed: false, position: 1 } as const;
    });
    if (!claim.claimed) {
      // Not an attempt: the job waits its turn. A finishing head promotes its successor, so the
      // delay is only a safety net; it is short just behind the head, where a promotion can
      // miss a job in the middle of this very claim, and grows further back (up to 120 times),
      // so a backlog of one repo does not spin through the workers.
      const factor = claim.position <= 1 ? 1 : Math.min(20 * claim.position, 120);
      const delay = busyDelayMs * factor * (0.75 + random() / 2);
      await bullJob.moveToDelayed(now() + Math.round(delay), token);
      throw new DelayedError();
    }

    if (data.attempts >= policy.maxAttempts) {
      // Every attempt started and none ended, so each run took its process down (or it was
      // killed): stop here, as the SQLite store does, rather than crash-loop the replicas.
      const message = "interrupted: the process stopped during the run";
      await bullJob.updateData({ ...data, lastError: message });
      await finish(member, data.repoKey, lockToken);
      const job = toJob({ ...data, lastError: message }, "failed", bullJob.name);
      await notifyFailed(options, job, new Error(message));
      throw new ReportedFailure(message);
    }
    const attempts = data.attempts + 1;
    // Counted before the run: a run that kills the process still uses up an attempt.
    await bullJob.updateData({ ...data, attempts });
    const job = toJob({ ...data, attempts }, "running", bullJob.name);
    const renewal = setInterval(
      () => {
        order.renew(data.repoKey, lockToken).then(
          (held) => held || logger?.warn({ jobId: data.deliveryId }, "repo lock lost during a run"),
          (error: unknown) => logger?.warn({ err: error, jobId: data.deliveryId }, "could not renew the repo lock"),
        );
      },
      Math.max(10, Math.floor(lockTtlMs / 3)),
    );

    let failure: { error: unknown } | undefined;
    try {
      await work(job);
    } catch (error) {
      failure = { error };
    } finally {
      clearInterval(renewal);
    }

    if (!failure) {
      await finish(member, data.repoKey, lockToken);
      return;
    }
    const decision = decideAfterError(failure.error, attempts, policy, random);
    await bullJob.updateData({ ...data, attempts, lastError: decision.message });
    if (decision.kind === "retry") {
      // The job stays head of its repo while it backs off, so later jobs keep waiting.
      await order.release(member, data.repoKey, lockToken, false);
      await bullJob.moveToDelayed(now() + decision.delayMs, token);
      throw new DelayedError();
    }
    await finish(member, data.repoKey, lockToken);
    await notifyFailed(options, { ...job, state: "failed", lastError: decision.message }, failure.error);
    throw new ReportedFailure(decision.message);
  }

  /** A due timer becomes a job; run again after a crash, it adds nothing twice. */
  async function moveDueTimer(bullJob: BullJob<JobData>): Promise<void> {
    const data = bullJob.data;
    const member = bullJob.id ?? jobIdOf(data.deliveryId);
    let seq = await order.register(member, data.repoKey, now());
    if (seq === undefined) {
      if (await queue.getJob(member)) return;
      // Registered by a run cut short before its add: take a place now.
      seq = await order.nextSeq();
    }
    await queue.add(bullJob.name, { ...data, seq, enqueuedAt: now() }, { jobId: member });
  }

  async function finish(member: string, repoKey: string, lockToken: string): Promise<void> {
    const next = await order.release(member, repoKey, lockToken, true);
    if (next === undefined) return;
    // Waking the successor is only a shortcut: were it missed, its own delay would run out.
    const successor = await queue.getJob(next);
    if (successor && (await successor.isDelayed())) {
      await successor.promote().catch(() => undefined);
    }
  }

  // The processor itself failed (Redis went away mid-way): BullMQ marks the job failed, and
  // that still deserves the hook. Its order entry is dropped by the next claim in its repo.
  function onBullFailed(bullJob: BullJob<JobData> | undefined, error: Error): void {
    if (!bullJob || error instanceof ReportedFailure) return;
    const job = toJob({ ...bullJob.data, lastError: error.message }, "failed", bullJob.name);
    void notifyFailed(options, job, error);
  }

  function assertOpen(): void {
    if (closed) throw new Error("the job queue is closed");
  }

  async function stop(): Promise<void> {
    const running = worker;
    const moving = timerWorker;
    worker = undefined;
    timerWorker = undefined;
    await Promise.all([running?.close(), moving?.close()]);
  }

  return {
    async enqueue(job: NewJob) {
      assertOpen();
      const member = jobIdOf(job.id);
      const enqueuedAt = now();
      const seq = await order.register(member, job.repoKey, enqueuedAt);
      if (seq === undefined) return { accepted: false };
      const data: JobData = {
        deliveryId: job.id,
        payload: job.payload ?? null,
        repoKey: job.repoKey,
        seq,
        attempts: 0,
        enqueuedAt,
      };
      try {
        await queue.add(job.name, data, { jobId: member });
      } catch (error) {
        await order.unregister(member, job.repoKey).catch(() => undefined);
        throw error;
      }
      return { accepted: true };
    },

    async schedule(timer: NewTimer) {
      assertOpen();
      const member = jobIdOf(timer.id);
      // BullMQ ignores an add whose job id exists in any state; the look first only tells the
      // caller which happened (https://docs.bullmq.io/guide/jobs/job-ids). A timer already moved
      // into the jobs queue counts as set too.
      if ((await timerQueue.getJob(member)) || (await queue.getJob(member))) return { accepted: false };
      const enqueuedAt = now();
      const data: JobData = { deliveryId: timer.id, payload: timer.payload ?? null, repoKey: timer.repoKey, seq: 0, attempts: 0, enqueuedAt, origin: "timer" };
      await timerQueue.add(timer.name, data, { jobId: member, delay: Math.max(0, timer.runAt - enqueuedAt) });
      return { accepted: true };
    },

    start(work, opts = {}) {
      assertOpen();
      if (worker) throw new Error("the job queue is already started");
      worker = new BullWorker<JobData>(queueName, (bullJob, token) => runJob(work, bullJob, token), {
        connection,
        concurrency: Math.max(1, opts.concurrency ?? 4),
        lockDuration: options.lockDurationMs ?? 30_000,
        stalledInterval: options.stalledIntervalMs ?? 30_000,
        // BullMQ would fail a job that stalls too often without telling the worker, so the
        // attempt limit above decides instead.
        maxStalledCount: 1_000,
      });
      worker.on("failed", onBullFailed);
      timerWorker = new BullWorker<JobData>(timerQueueName, moveDueTimer, { connection, concurrency: 1 });
      timerWorker.on("error", (error) => logger?.warn({ err: error }, "timer worker error"));
      timerWorker.on("failed", (bullJob, error) => logger?.error({ err: error, jobId: bullJob?.id }, "a due timer could not be moved into the jobs"));
      worker.on("error", (error) => logger?.warn({ err: error }, "queue worker error"));
    },

    stop,

    async list(filter = {}) {
      assertOpen();
      const states: JobState[] = filter.state ? [filter.state] : ["queued", "running", "done", "failed"];
      const jobs: { seq: number; job: Job }[] = [];
      for (const state of states) {
        for (const bullJob of await queue.getJobs([...typesByState[state]], 0, -1, true)) {
          if (!bullJob) continue;
          const data = bullJob.data as JobData;
          const lastError = data.lastError ?? (bullJob.failedReason || undefined);
          jobs.push({ seq: data.seq, job: toJob({ ...data, lastError }, state, bullJob.name) });
        }
      }
      return jobs.sort((a, b) => a.seq - b.seq).map(({ job }) => job);
    },

    async retry(id) {
      assertOpen();
      const bullJob = await queue.getJob(jobIdOf(id));
      if (!bullJob || (await bullJob.getState()) !== "failed") return false;
      const data = bullJob.data as JobData;
      await order.reinstate(jobIdOf(id), data.repoKey, data.seq);
      await bullJob.updateData({ ...data, attempts: 0 });
      try {
        await bullJob.retry("failed");
        return true;
      } catch (error) {
        // Another replica retried it first, or it was removed meanwhile.
        logger?.warn({ err: error, jobId: id }, "could not retry the job");
        return false;
      }
    },

    async depth() {
      assertOpen();
      const counts = await queue.getJobCounts(...queuedTypes, "active");
      return Object.values(counts).reduce((sum, n) => sum + n, 0);
    },

    async healthy() {
      if (closed) return false;
      try {
        return (await connection.ping()) === "PONG";
      } catch (error) {
        logger?.warn({ err: error }, "redis health check failed");
        return false;
      }
    },

    async close() {
      if (closed) return;
      closed = true;
      await stop();
      await Promise.all([queue.close(), timerQueue.close()]);
      await connection.quit().catch(() => connection.disconnect());
    },
  };

  function toJob(data: JobData, state: JobState, name: string): Job {
    return {
      id: data.deliveryId,
      name,
      payload: data.payload,
      repoKey: data.repoKey,
      attempts: data.attempts,
      state,
      ...(data.lastError === undefined ? {} : { lastError: data.lastError }),
      enqueuedAt: data.enqueuedAt,
      ...(data.origin === "timer" ? { origin: "timer" as const } : {}),
    };
  }
}

/** A failure the processor has already recorded and reported through onFailed. */
class ReportedFailure extends Error {
  override name = "ReportedFailure";
}

/**
 * BullMQ refuses custom ids that look like integers or contain ':'. GitHub delivery ids are
 * GUIDs and pass unchanged; anything else is escaped under a '~' that GUIDs never start with.
 */
export function jobIdOf(deliveryId: string): string {
  const plain = !/^\d+$/.test(deliveryId) && !deliveryId.includes(":") && !deliveryId.startsWith("~");
  return plain ? deliveryId : `~${encodeURIComponent(deliveryId).replace(/:/g, "%3A")}`;
}
