import type { Job, QueueOptions } from "./types.js";

/**
 * Runs the caller's failure hook. The job is already recorded as failed, so a throwing hook
 * cannot change that; it is reported rather than allowed to kill the worker loop.
 */
export async function notifyFailed(opts: QueueOptions, job: Job, error: unknown): Promise<void> {
  if (!opts.onFailed) return;
  try {
    await opts.onFailed(job, error);
  } catch (hookError) {
    opts.logger?.error({ err: hookError, jobId: job.id }, "queue onFailed hook threw");
  }
}
