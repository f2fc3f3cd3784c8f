// A deploy finished (its workflow or the infrastructure set the deployment's status): move the
// pointer tag on success, free the deploy's lock, tell the issue that asked, and after a failed
// production deploy offer the rollback command; a release's success carries it on to the
// environments that require this one.

import type { ChosenVersion, DeploymentRecord } from "../../policy/deploy/settings.js";
import { planDeploymentOutcome } from "../../policy/deploy/outcome.js";
import { verifiedByThisApp } from "../../policy/deploy/verified-status.js";
import { carryOut } from "../carry-out.js";
import { continueReleaseDeploys } from "./continue-release.js";
import { startQueuedDeploys } from "./start-queued.js";
import type { Feature } from "../feature.js";
import type { GitHub } from "../../github/client.js";
import { ownDeploymentKey } from "../../github/actions/deployment.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import type { RepoRef } from "../../policy/plan.js";
import { deploymentHistory, payloadObject } from "./gather.js";
import { verifyDeployment } from "./verify.js";

const FINISHED = ["success", "failure", "error"] as const;
export const PRODUCTION = /^prod(uction)?$/i;

export const reportDeploymentOutcome: Feature<"deployment_status.created"> = async function reportDeploymentOutcome(context, config, options) {
  const { deployment, deployment_status: status } = context.payload;
  const finished = FINISHED.find((candidate) => candidate === status.state);
  if (finished === undefined) return;
  const payload = payloadObject(deployment.payload);
  // Only this app's own deployments are its to act on: a key in the payload is text anyone who
  // may create a deployment can type, so the deployment's creator must be this app (identity.ts).
  const self = await options.self();
  if (ownDeploymentKey(deployment, self) === undefined) {
    context.log.info({ deployment: deployment.id, creator: deployment.creator?.login }, "deployment_status of a deployment this app did not create: ignored");
    return;
  }
  const env = config.environments.find((candidate) => candidate.name === deployment.environment);
  const app = typeof payload["app"] === "string" ? payload["app"] : undefined;
  const logUrl = status.log_url ?? status.target_url;
  // With `verify`, the workflow's success is final only once the version URL answers it; a
  // "Verified" success counts as that answer only when this app wrote it, not whoever may.
  const verified = verifiedByThisApp({ description: status.description, byThisApp: isThisApp(status.creator, self) });
  const state =
    finished === "success" && env?.verify != null && !verified
      ? await verifyDeployment(context, env.verify, { id: deployment.id, sha: deployment.sha, environment: deployment.environment, payload }, options, logUrl || undefined)
      : finished;
  const previousSuccess = state === "success" ? undefined : await previousSuccessOf(context.octokit, context.repo(), self, deployment, app);
  const outcome = planDeploymentOutcome({
    repo: context.repo(),
    deployment: { id: deployment.id, environment: deployment.environment, sha: deployment.sha, payload },
    state,
    ...(env?.pointerTag == null ? {} : { pointerTag: env.pointerTag }),
    isProduction: deployment.production_environment === true || PRODUCTION.test(deployment.environment),
    ...(previousSuccess === undefined ? {} : { previousSuccess }),
    ...(logUrl === undefined || logUrl === null || logUrl === "" ? {} : { logUrl }),
  });
  await carryOut(context, outcome, options);
  await startQueuedDeploys(context, config, { environment: deployment.environment, app }, options);
  if (state === "success" && env !== undefined) {
    await continueReleaseDeploys(context, config, { environment: deployment.environment, sha: deployment.sha, payload }, options);
  }
};

/** What ran before a failed deployment, for the rollback sentence; shared with workflow_run. */
export async function previousSuccessOf(
  octokit: GitHub,
  repo: RepoRef,
  self: AppIdentity,
  deployment: { readonly id: number; readonly environment: string; readonly created_at: string },
  app: string | undefined,
): Promise<ChosenVersion | undefined> {
  return previousSuccessIn(await deploymentHistory(octokit, repo, self, deployment.environment, app), deployment);
}

/** The newest success (or superseded success) before the deployment, from its environment's history. */
export function previousSuccessIn(
  history: readonly DeploymentRecord[],
  deployment: { readonly id: number; readonly created_at: string },
): ChosenVersion | undefined {
  const before = history.find(
    (record) => record.id !== deployment.id && (record.state === "success" || record.state === "inactive") && Date.parse(record.createdAt) <= Date.parse(deployment.created_at),
  );
  return before === undefined ? undefined : { sha: before.sha, ref: before.ref, ...(before.imageTag === undefined ? {} : { imageTag: before.imageTag }) };
}
