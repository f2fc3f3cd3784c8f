// A timer that came due: the job queue hands it here rather than to `app.receive`, since it is no
// webhook. It runs as the installation it was set for, with the repository's config read afresh,
// and decides from what GitHub says now; its payload only says where to look.

import { Context, type Probot } from "probot";
import { countApiCalls } from "../ops/api-calls.js";
import { decodeTimer, TIMER_JOB_NAME } from "../policy/timers.js";
import type { RunOptions } from "./carry-out.js";
import { loadConfig } from "./config.js";
import { runLockExpiryCheck } from "./deploy/lock-expiry.js";
import { runVerifyAttempt } from "./deploy/verify-timer.js";

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
  countApiCalls(octokit);
  const { owner, repo } = timer.repo;
  // Just what Context reads (repo(), config()); it is typed as a webhook only because Context is.
  const payload = { installation: { id: timer.installationId }, repository: { owner: { login: owner }, name: repo, full_name: `${owner}/${repo}` } };
  const context = new Context({ id: job.id, name: TIMER_JOB_NAME, payload } as unknown as ConstructorParameters<typeof Context>[0], octokit, log) as Context;
  const loaded = await loadConfig(context, options);
  if (loaded.kind !== "ok") {
    log.info({ config: loaded.kind }, "the repository's config is gone or broken; the timer does nothing");
    return;
  }
  if (timer.kind === "verify") await runVerifyAttempt(context, loaded.config, timer, options);
  else await runLockExpiryCheck(context, loaded.config, timer, options, now);
}
