import type { Context } from "probot";
import { ActionFailedError, execute } from "../github/execute.js";
import type { Effect } from "../github/effects.js";
import type { Plan } from "../policy/plan.js";

export interface RunOptions {
  /** Print the plan and stop: the executor is skipped whole, so no writer needs to know. */
  readonly dryRun: boolean;
  /**
   * Tests only: `verify.url` may be on 127.0.0.1 (a local version server). Set by
   * VERIFY_ALLOW_LOOPBACK=1 together with NODE_ENV=test, never by the config; private and
   * link-local addresses stay refused either way.
   */
  readonly verifyMayReadLoopback?: boolean;
}

export function runOptionsFromEnv(env: NodeJS.ProcessEnv): RunOptions {
  return {
    dryRun: env["DRY_RUN"] === "true" || env["DRY_RUN"] === "1",
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
    return await execute(plan, { octokit: context.octokit, log });
  } catch (error) {
    if (error instanceof ActionFailedError) {
      log.error({ action: error.action.kind, key: error.action.key, done: error.completed.length }, error.message);
    }
    throw error;
  }
}
