// A dispatched deploy workflow finished without success. If it never set its deployment's status,
// nobody would hear of it: find the deployment it served and fail it, with the run as the log.

import { payloadObject } from "../../policy/deploy/deployment-payload.js";
import {
  findServedDeployment,
  planWorkflowFailure,
  runNeedsOutcome,
  type DeploymentCandidate,
  type FinishedRun,
} from "../../policy/deploy/workflow-outcome.js";
import { carryOut } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { ownDeploymentKey } from "../../github/actions/deployment.js";
import { previousSuccessOf } from "./on-deployment-status.js";
import { isProductionDeployment } from "../../policy/deploy/settings.js";

/** Deployments of one commit are few; more than this many on a sha is not a deploy pipeline. */
const CANDIDATE_LIMIT = 30;

export const reportFailedDeployWorkflow: Feature<"workflow_run.completed"> = async function reportFailedDeployWorkflow(context, config, options) {
  const { workflow_run: workflowRun } = context.payload;
  const run: FinishedRun = {
    headSha: workflowRun.head_sha,
    path: workflowRun.path,
    name: workflowRun.name ?? "",
    event: workflowRun.event,
    conclusion: workflowRun.conclusion,
    htmlUrl: workflowRun.html_url,
  };
  if (!runNeedsOutcome(run)) return;
  const repo = context.repo();
  const { data: deployments } = await context.octokit.rest.repos.listDeployments({ ...repo, sha: run.headSha, per_page: CANDIDATE_LIMIT });
  const candidates: DeploymentCandidate[] = [];
  const self = await options.self();
  for (const deployment of deployments) {
    const payload = payloadObject(deployment.payload);
    // Only this app's own deployments can be the one its dispatch served (identity.ts).
    if (ownDeploymentKey(deployment, self) === undefined) continue;
    const { data: statuses } = await context.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
    candidates.push({
      id: deployment.id,
      environment: deployment.environment,
      sha: deployment.sha,
      createdAt: deployment.created_at,
      productionEnvironment: deployment.production_environment === true,
      payload,
      latestState: statuses[0]?.state,
      latestDescription: statuses[0]?.description ?? undefined,
    });
  }
  const served = findServedDeployment(run, candidates);
  if (served.kind === "none") {
    context.log.info({ run: run.htmlUrl }, served.reason);
    return;
  }
  const { deployment } = served;
  const env = config.environments.find((candidate) => candidate.name === deployment.environment);
  const app = typeof deployment.payload["app"] === "string" ? deployment.payload["app"] : undefined;
  const previousSuccess = await previousSuccessOf(
    context.facts,
    { id: deployment.id, environment: deployment.environment, created_at: deployment.createdAt },
    app,
  );
  const failure = planWorkflowFailure({
    repo,
    run,
    deployment,
    ...(env?.pointerTag == null ? {} : { pointerTag: env.pointerTag }),
    isProduction: isProductionDeployment(deployment.environment, deployment.productionEnvironment),
    ...(previousSuccess === undefined ? {} : { previousSuccess }),
  });
  await carryOut(context, failure, options);
};
