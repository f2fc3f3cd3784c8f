// A timer that came due: the job queue hands it here rather than to `app.receive`, since it is no
// webhook. It runs as the installation it was set for, with the repository's config read afresh,
// and decides from what GitHub says now; its payload only says where to look.

import { Context, type Probot } from "probot";
import { decodeTimer, TIMER_JOB_NAME, type TimerPayload } from "../policy/timers.js";
import type { FeatureContext } from "./feature.js";
import type { RunOptions } from "./carry-out.js";
import { runLockExpiryCheck } from "../handlers/deploy/lock-expiry.js";
import { runVerifyAttempt } from "../handlers/deploy/verify-timer.js";
import { runWindowOpen } from "../handlers/deploy/window-open.js";
import { featureContextOf } from "./from-probot.js";

export async function runTimer(
  app: Pick<Probot, "auth" | "log">,
  job: { readonly id: string; readonly payload: unknown },
  options: RunOptions,
  now: () => Date = () => new Date(),
): Promise<void> {
  const timer = decodeTimer(job.payload);
  const log = app.log.child({ name: "timer", timer: job.id });
  if (timer === undefined) {
    log.warn({}, "a timer this version cannot read; dropped");
    return;
  }
  const octokit = await app.auth(timer.installationId);
  const { owner, repo } = timer.repo;
  const payload = timerEventPayload(timer);
  // Probot's loader (for `_extends`) lives on Context only; this one is built for it alone.
  const probot = new Context({ id: job.id, name: TIMER_JOB_NAME, payload } as unknown as ConstructorParameters<typeof Context>[0], octokit, log) as Context;
  const context = featureContextOf(
    { name: TIMER_JOB_NAME, id: job.id, payload, octokit, log, repo: () => ({ owner, repo }), config: (file) => probot.config<Record<string, unknown>>(file) },
    options,
    now(),
  );
  await timerFeature(context, timer, options);
}

/** Just what the config loader and the executor read of an event; a timer is no webhook. */
export function timerEventPayload(timer: TimerPayload) {
  const { owner, repo } = timer.repo;
  return { installation: { id: timer.installationId }, repository: { owner: { login: owner }, name: repo, full_name: `${owner}/${repo}` } };
}

/**
 * What a due timer does, with the repository's config read afresh: the one definition the worker
 * runs and `release-pilot plan --event timer` plans from a facts file.
 */
export async function timerFeature(context: FeatureContext, timer: TimerPayload, options: RunOptions): Promise<void> {
  const loaded = await context.facts.config();
  if (loaded.kind !== "ok") {
    context.log.info({ config: loaded.kind }, "the repository's config is gone or broken; the timer does nothing");
    return;
  }
  if (timer.kind === "verify") await runVerifyAttempt(context, loaded.config, timer, options);
  else if (timer.kind === "window-open") await runWindowOpen(context, loaded.config, timer, options);
  else await runLockExpiryCheck(context, loaded.config, timer, options);
}
