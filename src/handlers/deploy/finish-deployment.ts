// Everything a deploy's end sets off, whoever noticed it (its status event, the last verify
// request, its lock's expiry, a failed workflow run): the outcome (pointer tag, lock, reply), the
// newest queued deploy of its environment, and on success the next step of a release's promotion.

import type { Config } from "../../policy/config/index.js";
import { appOfDeployment, previousSuccessIn, type EndedDeployment } from "../../policy/deploy/ended-deployment.js";
import { planDeploymentOutcome } from "../../policy/deploy/outcome.js";
import { isProductionDeployment, type ChosenVersion } from "../../policy/deploy/settings.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import type { FeatureContext } from "../../features/feature.js";
import { continueReleaseDeploys } from "./continue-release.js";
import { startQueuedDeploys } from "./start-queued.js";

/**
 * Everything a deploy's end sets off, whoever noticed it (its status event, the last verify
 * request, its lock's expiry): the outcome (pointer tag, lock, reply), then the newest queued
 * deploy of its environment, then on success the next step of a release's promotion.
 */
export async function finishDeployment(
  context: FeatureContext,
  config: Config,
  deployment: EndedDeployment,
  state: "success" | "failure" | "error",
  options: RunOptions,
  logUrl?: string,
): Promise<void> {
  const env = config.environments.find((candidate) => candidate.name === deployment.environment);
  const app = appOfDeployment(deployment);
  const previousSuccess = state === "success" ? undefined : await previousSuccessOf(context, deployment);
  const outcome = planDeploymentOutcome({
    repo: context.repo(),
    deployment: { id: deployment.id, environment: deployment.environment, sha: deployment.sha, payload: deployment.payload },
    state,
    ...(env?.pointerTag == null ? {} : { pointerTag: env.pointerTag }),
    isProduction: isProductionDeployment(deployment.environment, deployment.productionEnvironment),
    ...(previousSuccess === undefined ? {} : { previousSuccess }),
    ...(logUrl === undefined || logUrl === "" ? {} : { logUrl }),
  });
  await carryOut(context, outcome, options);
  await startQueuedDeploys(context, config, { environment: deployment.environment, app });
  if (state === "success" && env !== undefined) {
    await continueReleaseDeploys(context, config, { environment: deployment.environment, sha: deployment.sha, payload: deployment.payload }, options);
  }
}

/** What ran before a failed deployment, for the rollback sentence; shared with workflow_run. */
export async function previousSuccessOf(context: FeatureContext, deployment: EndedDeployment): Promise<ChosenVersion | undefined> {
  return previousSuccessIn(await context.facts.deploymentHistory(deployment.environment, appOfDeployment(deployment)), deployment);
}
