// Runs one stored webhook through Probot's own dispatch, so every `app.on(...)` handler runs
// exactly as if the event had come in over HTTP, and turns what it throws into retry or fail.
import type { EmitterWebhookEvent } from "@octokit/webhooks";
import { classifyError } from "./classify-error.js";
import type { Job, Worker } from "./queue/index.js";

export interface Receiver {
  receive(event: EmitterWebhookEvent): Promise<void>;
}

export interface WorkerLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export interface WorkerOptions {
  readonly log: WorkerLogger;
  readonly now: () => number;
  /**
   * Runs a timer the app set for itself (`job.origin === "timer"`, a mark only the queue sets).
   * Without it a timer is logged and dropped.
   */
  readonly onTimer?: (job: Job) => Promise<void>;
  /** Told how each run ended (metrics). */
  readonly onRun?: (event: string, outcome: "success" | "failure" | "retry", seconds: number) => void;
}

export function createWorker(app: Receiver, options: WorkerOptions): Worker {
  return async (job: Job) => {
    const started = options.now();
    const fields = { delivery: job.id, event: job.name, repo: job.repoKey, attempt: job.attempts };
    try {
      if (job.origin !== "timer") await app.receive(toEvent(job));
      else if (options.onTimer) await options.onTimer(job);
      else options.log.warn(fields, "a timer came due where nothing runs timers; dropped");
    } catch (error) {
      const classified = classifyError(error, options.now());
      const retry = isRetryable(classified);
      options.onRun?.(job.name, retry ? "retry" : "failure", (options.now() - started) / 1000);
      options.log.warn({ ...fields, retryable: retry, error: messageOf(error) }, "job run failed");
      throw classified;
    }
    options.onRun?.(job.name, "success", (options.now() - started) / 1000);
    options.log.info({ ...fields, ms: options.now() - started }, "job done");
  };
}

/**
 * The payload was checked against the webhook signature when it was stored, so it is what
 * GitHub sent; this is the one place its type is taken on trust.
 */
function toEvent(job: Job): EmitterWebhookEvent {
  return { id: job.id, name: job.name, payload: job.payload } as EmitterWebhookEvent;
}

function isRetryable(error: unknown): boolean {
  return typeof error === "object" && error !== null && "retryable" in error && error.retryable === true;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
