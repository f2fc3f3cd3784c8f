// The executor that writes to GitHub: the plan goes to src/github's runners, which look for each
// action's effect before acting, and each lock a deploy took gets its expiry check on the queue.
import { ActionFailedError, execute } from "../github/execute.js";
import { RefusedError } from "./port.js";
import type { GitHub } from "../github/client.js";
import type { Effect } from "../github/effects.js";
import type { IdentitySource } from "../github/identity.js";
import type { OctokitFor } from "../github/installations.js";
import type { TimerPort } from "../features/timer-port.js";
import { lockExpiryTimers } from "../policy/deploy/lock-expiry.js";
import { windowOpenTimers } from "../policy/deploy/window-hold.js";
import type { Action, Plan } from "../policy/plan.js";
import type { Executor } from "./port.js";

export interface ExecutorLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  child(bindings: object): ExecutorLog;
}

export interface GitHubExecutorOptions {
  readonly octokit: GitHub;
  /** Another repository's client (src/github/installations.ts); `octokit` everywhere when absent. */
  readonly octokitFor?: OctokitFor | undefined;
  readonly log: ExecutorLog;
  readonly self: IdentitySource;
  /** Print the plan and stop: the runners are skipped whole, so no writer needs to know. */
  readonly dryRun: boolean;
  readonly timers?: TimerPort | undefined;
  readonly installationId?: number | undefined;
  readonly observe?: ((plan: Plan, effects: readonly Effect[]) => void) | undefined;
}

export function githubExecutor(options: GitHubExecutorOptions): Executor {
  return {
    carryOut: (plan) => carryOut(options, plan),
    forFeature: (feature) => githubExecutor({ ...options, log: options.log.child({ feature }) }),
  };
}

async function carryOut(options: GitHubExecutorOptions, plan: Plan): Promise<readonly Effect[]> {
  const { log } = options;
  log.info({ reason: plan.reason, actions: plan.actions.length }, plan.summary);
  if (options.dryRun) {
    log.info({ plan }, "dry run: the plan above was not carried out");
    options.observe?.(plan, []);
    return [];
  }
  if (plan.actions.length === 0) return [];
  try {
    const effects = await execute(plan, { octokit: options.octokit, octokitFor: options.octokitFor, log, self: options.self });
    await scheduleLockChecks(options, plan.actions, effects);
    await scheduleWindowOpenings(options, plan.actions);
    options.observe?.(plan, effects);
    return effects;
  } catch (error) {
    if (error instanceof ActionFailedError) {
      options.observe?.(plan, error.completed);
      // The executor's own refusal is the config's problem, answered to the person by the feature;
      // anything else stopping a plan is the operator's to look at.
      const level = error.cause instanceof RefusedError ? "warn" : "error";
      log[level]({ action: error.action.kind, key: error.action.key, done: error.completed.length }, error.message);
      // A lock taken before a later action failed is held all the same: it gets its check too.
      await scheduleLockChecks(options, plan.actions, error.completed).catch((scheduleError: unknown) =>
        log.warn({ error: String(scheduleError) }, "could not schedule the lock's expiry check"),
      );
    }
    throw error;
  }
}

/** Each deploy held by a freeze or a closed window (window-hold.ts) is deployed when it opens. */
async function scheduleWindowOpenings(options: GitHubExecutorOptions, actions: readonly Action[]): Promise<void> {
  const { timers, installationId } = options;
  if (timers === undefined || installationId === undefined) return;
  for (const timer of windowOpenTimers(actions, installationId)) await timers.schedule(timer);
}

/**
 * Each lock a deploy took (now, or found taken by an earlier run of the same job) gets a check at
 * its expiry, so a deploy that never reports frees its queue without waiting for another event.
 */
async function scheduleLockChecks(options: GitHubExecutorOptions, actions: readonly Action[], effects: readonly Effect[]): Promise<void> {
  const { timers, installationId } = options;
  if (timers === undefined || installationId === undefined) return;
  const taken = new Set(effects.filter((effect) => effect.kind === "acquire-lock" && effect.status !== "held").map((effect) => effect.key));
  for (const timer of lockExpiryTimers(
    actions.filter((action) => taken.has(action.key)),
    installationId,
  ))
    await timers.schedule(timer);
}
