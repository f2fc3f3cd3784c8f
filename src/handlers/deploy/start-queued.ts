// When a deploy of a queueing environment finishes (its lock just freed), the deploys that waited
// for it are read back from GitHub and the newest is started; see src/policy/deploy/queue.ts.

import { HISTORY_LIMIT } from "../../facts/github/deploy-reads.js";
import { payloadObject } from "../../policy/deploy/deployment-payload.js";
import type { FeatureContext } from "../feature.js";
import type { Config } from "../../policy/config/index.js";
import { planStartQueued, QUEUED_BEHIND, type QueuedDeployment } from "../../policy/deploy/queue.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import { ownDeploymentKey } from "../../github/actions/deployment.js";

export async function startQueuedDeploys(
  context: FeatureContext,
  config: Config,
  finished: { readonly environment: string; readonly app: string | undefined },
  options: RunOptions,
): Promise<void> {
  const env = config.environments.find((candidate) => candidate.name === finished.environment);
  if (env === undefined || !env.queue) return;
  const repo = context.repo();
  const { data } = await context.octokit.rest.repos.listDeployments({ ...repo, environment: env.name, per_page: HISTORY_LIMIT });
  const waiting: QueuedDeployment[] = [];
  const self = await options.self();
  for (const deployment of data) {
    // A waiting deployment someone else created is never started: its payload carries a dispatch.
    if (ownDeploymentKey(deployment, self) === undefined) continue;
    const payload = payloadObject(deployment.payload);
    if (typeof payload[QUEUED_BEHIND] !== "string") continue;
    if (finished.app !== undefined && payload["app"] !== finished.app) continue;
    // Started (a Dispatched status) or superseded (inactive) deployments have a status; waiting ones none.
    const { data: statuses } = await context.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
    if (statuses.length > 0) continue;
    waiting.push({ id: deployment.id, sha: deployment.sha, createdAt: deployment.created_at, environment: env.name, payload });
  }
  if (waiting.length === 0) return;
  await carryOut(context, planStartQueued({ repo, now: new Date().toISOString(), waiting }), options);
}
