import type { Context } from "probot";
import { ActionFailedError, execute } from "../github/execute.js";
import type { Effect } from "../github/effects.js";
import type { IdentitySource } from "../github/identity.js";
import { lockExpiryTimers } from "../policy/deploy/lock-expiry.js";
import type { Action, Plan } from "../policy/plan.js";
import type { TimerPort } from "./timer-port.js";

export interface RunOptions {
  /** Print the plan and stop: the executor is skipped whole, so no writer needs to know. */
  readonly dryRun: boolean;
  /** Who this app is: only what it wrote itself (comments, issues, deployments) is its own. */
  readonly self: IdentitySource;
  /** Where work for later is kept (the job queue); absent without a runtime. */
  readonly timers?: TimerPort;
  /**
   * Tests only: `verify.url` may be on 127.0.0.1 (a local version server). Set by
   * VERIFY_ALLOW_LOOPBACK=1 together with NODE_ENV=test, never by the config; private and
   * link-local addresses stay refused either way.
   */
  readonly verifyMayReadLoopback?: boolean;
}

export function runOptionsFromEnv(env: NodeJS.ProcessEnv, self: IdentitySource): RunOptions {
  return {
    dryRun: env["DRY_RUN"] === "true" || env["DRY_RUN"] === "1",
    self,
    verifyMayReadLoopback: env["NODE_ENV"] === "test" && env["VERIFY_ALLOW_LOOPBACK"] === "1",
  };
}

/** Hands a plan to the executor and logs the outcome with the delivery id. */
export async function carryOut(context: Context, plan: Plan, options: RunOptions): Promise<readonly Effect[]> {
  const log = context.log.child({ delivery: context.id, event: context.name });
  log.info({ reason: plan.reason, actions: plan.actions.length }, plan.summary);
  if (options.dryRun) {
    log.info({ plan }, "dry run: the plan above was not carried out");
    return [];
  }
  if (plan.actions.length === 0) return [];
  try {
    const effects = await execute(plan, { octokit: context.octokit, log, self: options.self });
    await scheduleLockChecks(context, plan.actions, effects, options);
    return effects;
  } catch (error) {
    if (error instanceof ActionFailedError) {
      log.error({ action: error.action.kind, key: error.action.key, done: error.completed.length }, error.message);
      // A lock taken before a later action failed is held all the same: it gets its check too.
      await scheduleLockChecks(context, plan.actions, error.completed, options).catch((scheduleError: unknown) =>
        log.warn({ error: String(scheduleError) }, "could not schedule the lock's expiry check"),
      );
    }
    throw error;
  }
}

/**
 * Each lock a deploy took (now, or found taken by an earlier run of the same job) gets a check at
 * its expiry, so a deploy that never reports frees its queue without waiting for another event.
 */
async function scheduleLockChecks(context: Context, actions: readonly Action[], effects: readonly Effect[], options: RunOptions): Promise<void> {
  const installationId = installationOf(context.payload);
  if (options.timers === undefined || installationId === undefined) return;
  const taken = new Set(effects.filter((effect) => effect.kind === "acquire-lock").map((effect) => effect.key));
  for (const timer of lockExpiryTimers(
    actions.filter((action) => taken.has(action.key)),
    installationId,
  ))
    await options.timers.schedule(timer);
}

function installationOf(payload: unknown): number | undefined {
  if (typeof payload !== "object" || payload === null || !("installation" in payload)) return undefined;
  const installation = payload.installation;
  if (typeof installation !== "object" || installation === null || !("id" in installation)) return undefined;
  return typeof installation.id === "number" ? installation.id : undefined;
}
