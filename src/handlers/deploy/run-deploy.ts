// One deploy, from request to plan carried out: gather what deployReads asks for, let
// decideDeployRequest decide (src/policy/deploy/decide-deploy.ts), and carry the plan out. Every
// way it can stop reaches a person: the reply in the asking issue, or a failed check run on the
// commit for automatic deploys.

import type { FeatureContext } from "../../features/feature.js";
import { ActionFailedError } from "../../executor/port.js";
import type { Effect } from "../../github/effects.js";
import type { Config } from "../../policy/config/index.js";
import { isProductionDeployment, type DeploymentRecord } from "../../policy/deploy/settings.js";
import type { Plan } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import { decideDeployRequest, deployReads, lockedOutDecision, requestKey, type DeployRequest } from "../../policy/deploy/decide-deploy.js";
import { dispatchRefusedForGood, planStartFailed } from "../../policy/deploy/start-failed.js";
import { statusOf } from "../../github/client.js";

export async function runDeploy(context: FeatureContext, config: Config, request: DeployRequest, options: RunOptions): Promise<Plan> {
  const repo = context.repo();
  const { env, app } = request;
  const reads = deployReads(config, request);
  const tags = reads.tags === undefined ? undefined : await context.facts.tagsUnder(reads.tags.prefix, reads.tags.toPeel);
  const workflowDefaultBranch = reads.workflowRepo === undefined ? undefined : await context.facts.defaultBranchOf(reads.workflowRepo);
  const history: Record<string, DeploymentRecord[]> = {};
  for (const required of reads.requires) history[required] = await context.facts.deploymentHistory(required, app);
  const checkRuns = reads.checks ? await context.facts.checkRunsOn(request.sha) : [];
  const lock = await context.facts.currentLock(env.name, app);
  const chosen = decideDeployRequest(config, request, {
    repo,
    now: context.now,
    history,
    checkRuns,
    ...(lock === undefined ? {} : { lock }),
    ...(tags === undefined ? {} : { tags }),
    ...(workflowDefaultBranch === undefined ? {} : { workflowDefaultBranch }),
  });
  return finish(context, request, chosen, options, requestKey(request));
}

async function finish(context: FeatureContext, request: DeployRequest, chosen: Plan, options: RunOptions, key: string): Promise<Plan> {
  const repo = context.repo();
  let effects: readonly Effect[];
  try {
    effects = await carryOut(context, chosen, options);
  } catch (error) {
    await failUnstartedDeploy(context, request, chosen, error, options);
    throw error;
  }
  const contended = effects.find((effect) => effect.status === "held");
  const acquire = chosen.actions.find((action) => action.kind === "acquire-lock" && action.key === contended?.key);
  if (contended === undefined || acquire?.kind !== "acquire-lock") return chosen;
  // The lock read again, as a fact: who won the race, and until when.
  const held = (await context.facts.lockOfScope(request.env.name, acquire.environment === request.env.name ? undefined : request.app)) ?? contended.held;
  if (held === undefined) throw new Error(`the lock on ${acquire.environment} was held and then vanished; try again`);
  const refusal = lockedOutDecision(repo, request, key, acquire.environment, held);
  await carryOut(context, refusal, options);
  return refusal;
}

/**
 * An automatic deploy whose dispatch GitHub refused for good is failed with the reason (a failed
 * check run on the commit, its lock freed), since no comment asked for it. A transient failure is
 * left to the job's retry; a deploy someone typed is answered on its thread by the failed job.
 */
async function failUnstartedDeploy(context: FeatureContext, request: DeployRequest, chosen: Plan, error: unknown, options: RunOptions): Promise<void> {
  if (request.issueNumber !== undefined || !(error instanceof ActionFailedError)) return;
  if (error.action.kind !== "dispatch-workflow" && error.action.kind !== "dispatch-repository-event") return;
  const headers = (error.cause as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  const remaining = headers["x-ratelimit-remaining"];
  const refused = dispatchRefusedForGood({
    kind: error.action.kind,
    status: statusOf(error.cause),
    retryAfter: headers["retry-after"] !== undefined,
    rateLimitRemaining: remaining === undefined ? undefined : String(remaining),
    message: error.cause instanceof Error ? error.cause.message : String(error.cause),
  });
  if (refused === undefined) return;
  const created = error.completed.find((effect) => effect.kind === "create-deployment");
  const planned = chosen.actions.find((action) => action.kind === "create-deployment");
  if (created?.id === undefined || planned?.kind !== "create-deployment") return;
  const failed = planStartFailed({
    repo: context.repo(),
    deployment: { id: created.id, environment: planned.environment, sha: request.sha, payload: planned.payload },
    error: refused,
    isProduction: isProductionDeployment(planned.environment),
  });
  await carryOut(context, failed, options);
}
