// The check set for a deploy's lock expiry (see src/policy/deploy/lock-expiry.ts): read the lock
// and the deployment back from GitHub, let policy decide, and when the deploy never reported,
// mark it `error` and finish it like any ended deploy, which starts the newest queued one.

import { HISTORY_LIMIT } from "../../facts/github/deploy-reads.js";
import { payloadObject } from "../../policy/deploy/deployment-payload.js";
import type { FeatureContext } from "../feature.js";
import type { Config } from "../../policy/config/index.js";
import { decideLockExpiry, type LockedDeployment } from "../../policy/deploy/lock-expiry.js";
import { plan } from "../../policy/plan.js";
import { lockExpiryTimer, type LockExpiryTimer } from "../../policy/timers.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import { ownDeploymentKey } from "../../github/actions/deployment.js";
import type { AppIdentity } from "../../github/identity.js";
import { finishDeployment } from "./on-deployment-status.js";

const DEFAULT_LOCK_MS = 3_600_000;

export async function runLockExpiryCheck(
  context: FeatureContext,
  config: Config,
  timer: LockExpiryTimer,
  options: RunOptions,
  now: () => Date = () => new Date(),
): Promise<void> {
  const repo = context.repo();
  const lock = await context.facts.lockOfScope(timer.environment, timer.app);
  // Only the lock this timer was set for, as its own message says which deploy holds it.
  const deployKey = lock?.key === timer.lockKey ? lock.deploymentKey : undefined;
  const found = deployKey !== undefined ? await deploymentWithKey(context, await options.self(), timer.environment, deployKey) : undefined;
  const env = config.environments.find((candidate) => candidate.name === timer.environment);
  const lockMs = found?.payload["lock_ms"];
  const decision = decideLockExpiry({
    repo,
    now: now().toISOString(),
    lockKey: timer.lockKey,
    // A queued deploy took its lock for the span it was queued with; any other for the config's.
    lockTimeoutMs: typeof lockMs === "number" && lockMs > 0 ? lockMs : (env?.lockTimeoutMs ?? DEFAULT_LOCK_MS),
    ...(env?.verify == null ? {} : { verifyTimeoutMs: env.verify.timeoutMs }),
    ...(lock === undefined ? {} : { lock }),
    ...(found === undefined ? {} : { deployment: found }),
  });
  const log = { lock: timer.lockKey, decision: decision.kind };
  if (decision.kind === "nothing") {
    context.log.info(log, `lock expiry: ${decision.why}; nothing to do`);
    return;
  }
  if (decision.kind === "wait") {
    if (options.timers !== undefined && !options.dryRun) await options.timers.schedule(lockExpiryTimer({ ...timer, expiresAt: decision.until }));
    return;
  }
  await carryOut(context, plan(decision.status.description, [decision.status]), options);
  await finishDeployment(
    context,
    config,
    { ...decision.deployment, createdAt: found?.createdAt ?? "", productionEnvironment: found?.productionEnvironment ?? false },
    "error",
    options,
  );
}

async function deploymentWithKey(
  context: FeatureContext,
  self: AppIdentity,
  environment: string,
  deployKey: string,
): Promise<(LockedDeployment & { createdAt: string; productionEnvironment: boolean }) | undefined> {
  const repo = context.repo();
  const { data } = await context.octokit.rest.repos.listDeployments({ ...repo, environment, per_page: HISTORY_LIMIT });
  // Only this app's own deployment: a key in a payload is text anyone who may deploy can type.
  const deployment = data.find((candidate) => ownDeploymentKey(candidate, self) === deployKey);
  if (deployment === undefined) return undefined;
  const { data: statuses } = await context.octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
  const latest = statuses[0];
  return {
    id: deployment.id,
    environment: deployment.environment,
    sha: deployment.sha,
    payload: payloadObject(deployment.payload),
    createdAt: deployment.created_at,
    productionEnvironment: deployment.production_environment === true,
    ...(latest === undefined ? {} : { latestState: latest.state }),
    ...(latest?.description == null ? {} : { latestDescription: latest.description }),
    ...(latest === undefined ? {} : { latestAt: latest.created_at }),
  };
}
