import type { Context } from "probot";
import { ActionFailedError, execute } from "../github/execute.js";
import type { Effect } from "../github/effects.js";
import type { IdentitySource } from "../github/identity.js";
import type { Plan } from "../policy/plan.js";

export interface RunOptions {
  /** Print the plan and stop: the executor is skipped whole, so no writer needs to know. */
  readonly dryRun: boolean;
  /** Who this app is: only what it wrote itself (comments, issues, deployments) is its own. */
  readonly self: IdentitySource;
}

export function runOptionsFromEnv(env: NodeJS.ProcessEnv, self: IdentitySource): RunOptions {
  return { dryRun: env["DRY_RUN"] === "true" || env["DRY_RUN"] === "1", self };
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
    return await execute(plan, { octokit: context.octokit, log, self: options.self });
  } catch (error) {
    if (error instanceof ActionFailedError) {
      log.error({ action: error.action.kind, key: error.action.key, done: error.completed.length }, error.message);
    }
    throw error;
  }
}
