/**
 * The queue of accepted webhooks. The webhook route stores an event here and answers 202 at
 * once, because GitHub gives up on a delivery after 10 s; workers then process the jobs.
 */

export type JobState = "queued" | "running" | "done" | "failed";

export interface Job {
  /** The delivery id (`X-GitHub-Delivery`), so a redelivery is recognised. */
  readonly id: string;
  /** The event name (`X-GitHub-Event`). */
  readonly name: string;
  readonly payload: unknown;
  /** "owner/repo": jobs of one repo run strictly in the order they were enqueued. */
  readonly repoKey: string;
  /** Runs started so far, the current one included. */
  readonly attempts: number;
  readonly state: JobState;
  readonly lastError?: string;
  readonly enqueuedAt: number;
  /**
   * Set only on a job the app scheduled for itself (`schedule`), never on a stored webhook: the
   * worker routes on this, not on the name, so nothing sent to the webhook route can pass for one.
   */
  readonly origin?: "timer";
}

export interface NewJob {
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly repoKey: string;
}

/**
 * A job the app asks of itself for later (the next verify request, a lock's expiry check). Until
 * `runAt` it waits outside its repo's order, so it holds back none of the repo's webhooks; when it
 * comes due it joins the end of that order and runs like any job, marked `origin: "timer"`.
 */
export interface NewTimer {
  /** Deterministic, so scheduling the same thing twice (a rerun) keeps one timer. */
  readonly id: string;
  readonly name: string;
  readonly payload: unknown;
  readonly repoKey: string;
  /** Epoch ms; due at once when in the past. */
  readonly runAt: number;
}

export type Worker = (job: Job) => Promise<void>;

export interface JobQueue {
  /** `accepted: false` when that delivery id was already seen. */
  enqueue(job: NewJob): Promise<{ accepted: boolean }>;
  /**
   * Stores a timer; `accepted: false` when one with that id is already waiting or has run. It is
   * kept in the store like a job, so it survives a restart.
   */
  schedule(timer: NewTimer): Promise<{ accepted: boolean }>;
  /** Same repoKey strictly in order, different repos in parallel (up to `concurrency`, default 4). */
  start(worker: Worker, opts?: { concurrency?: number }): void;
  /** Stop taking jobs and wait for the running ones. */
  stop(): Promise<void>;
  list(filter?: { state?: JobState }): Promise<readonly Job[]>;
  /**
   * A failed job back to queued, with a fresh attempt budget and its original place in its
   * repo's order; false when it is not failed.
   */
  retry(id: string): Promise<boolean>;
  /** Jobs not finished yet: queued plus running. */
  depth(): Promise<number>;
  healthy(): Promise<boolean>;
  close(): Promise<void>;
}

export interface RetryPolicy {
  readonly baseMs: number;
  readonly capMs: number;
  /** Runs in all, the first included. */
  readonly maxAttempts: number;
}

/** pino's logger satisfies this; the queue only reports what it cannot hand to a caller. */
export interface QueueLogger {
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface QueueOptions {
  readonly retry?: Partial<RetryPolicy>;
  /** Called once when a job ends failed (permanent error or attempts exhausted). */
  readonly onFailed?: (job: Job, error: unknown) => void | Promise<void>;
  /** Source of jitter, [0, 1). */
  readonly random?: () => number;
  /** Clock in epoch ms. The Redis backend hands timestamps to BullMQ, so keep it wall-clock there. */
  readonly now?: () => number;
  readonly logger?: QueueLogger;
}
