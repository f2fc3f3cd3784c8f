// One deploy, from request to plan carried out: gather the facts the gates need, render the
// dispatch, let planDeploy decide, and carry the plan out. Every way it can stop reaches a person:
// the reply in the asking issue, or a failed check run on the commit for automatic deploys.

import type { FeatureContext } from "../feature.js";
import { ActionFailedError } from "../../github/execute.js";
import type { Effect } from "../../github/effects.js";
import type { Config, EnvironmentConfig } from "../../policy/config/index.js";
import { deployKey } from "../../policy/deploy/deploy-key.js";
import { isProductionDeployment, type DeploymentRecord } from "../../policy/deploy/settings.js";
import type { Plan } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import {
  environmentSettings,
  lockedOutDecision,
  planRenderedDeploy,
  renderRequest,
  reportDecision,
  type DeployRequest,
} from "../../policy/deploy/decide-deploy.js";
import { releaseNeededBy, releaseOfCommit, releaseOfRequest, releaseTagReads } from "../../policy/deploy/release-of-commit.js";
import { planStartFailed } from "../../policy/deploy/start-failed.js";
import { statusOf } from "../../github/client.js";

export async function runDeploy(context: FeatureContext, config: Config, asked: DeployRequest, options: RunOptions): Promise<Plan> {
  const repo = context.repo();
  const { env, app } = asked;
  const { now } = context;
  const key = deployKey({ env: env.name, ...(app === undefined ? {} : { app }), sha: asked.sha, trigger: asked.trigger });
  let request = asked;
  // `rel-{version}` with no version given: the release is the app's tag on the commit.
  if (releaseNeededBy(config, request) !== undefined) {
    const named = releaseOfRequest(config, request);
    const reads = releaseTagReads(config, request);
    const found =
      named === undefined ? releaseOfCommit(config, request, await context.facts.tagsUnder(reads.prefix, reads.toPeel)) : { ok: true as const, ...named };
    if (!found.ok) return finish(context, request, { error: found.error }, options, key);
    request = { ...request, version: found.version, tag: found.tag };
  }
  const defaultRef = await workflowDefaultRef(context, env, request.defaultBranch);
  const rendered = renderRequest(config, request, repo, defaultRef, now);
  if (!rendered.ok) return finish(context, request, { error: `the deploy cannot be started: ${rendered.error}` }, options, key);
  const history: Record<string, DeploymentRecord[]> = {};
  for (const required of env.requires) history[required] = await context.facts.deploymentHistory(required, app);
  const settings = environmentSettings(env);
  const checkRuns = settings.checks.length === 0 ? [] : await context.facts.checkRunsOn(request.sha);
  const lock = await context.facts.currentLock(env.name, app);
  const decided = planRenderedDeploy(config, request, rendered, { repo, now, history, checkRuns, ...(lock === undefined ? {} : { lock }) });
  return finish(context, request, decided, options, key);
}

async function finish(
  context: FeatureContext,
  request: DeployRequest,
  decided: Plan | { readonly error: string },
  options: RunOptions,
  key: string,
): Promise<Plan> {
  const repo = context.repo();
  const chosen = reportDecision(repo, request, decided, key);
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
  if (!refusedForGood(error.cause)) return;
  const created = error.completed.find((effect) => effect.kind === "create-deployment");
  const planned = chosen.actions.find((action) => action.kind === "create-deployment");
  if (created?.id === undefined || planned?.kind !== "create-deployment") return;
  const message = error.cause instanceof Error ? error.cause.message : String(error.cause);
  const failed = planStartFailed({
    repo: context.repo(),
    deployment: { id: created.id, environment: planned.environment, sha: request.sha, payload: planned.payload },
    error: `GitHub answered ${statusOf(error.cause) ?? "an error"} to the ${error.action.kind === "dispatch-workflow" ? "workflow dispatch" : "repository dispatch"} (${message.split("\n")[0]?.slice(0, 200) ?? ""})`,
    isProduction: isProductionDeployment(planned.environment),
  });
  await carryOut(context, failed, options);
}

/** 4xx answers other than rate limits say the request cannot work as it is; anything else may pass on a retry. */
function refusedForGood(cause: unknown): boolean {
  const status = statusOf(cause);
  if (status === undefined || status < 400 || status >= 500 || status === 429) return false;
  const headers = (cause as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  return !(status === 403 && (headers["retry-after"] !== undefined || String(headers["x-ratelimit-remaining"]) === "0"));
}

/** The ref a dispatched workflow runs on when the config names none: its repository's default branch. */
async function workflowDefaultRef(context: FeatureContext, env: EnvironmentConfig, own: string): Promise<string> {
  if (env.deploy.kind !== "workflow" || env.deploy.ref !== null || env.deploy.repo === null) return own;
  return context.facts.defaultBranchOf(env.deploy.repo);
}
