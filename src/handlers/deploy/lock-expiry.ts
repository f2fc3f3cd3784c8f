// The check set for a deploy's lock expiry (see src/policy/deploy/lock-expiry.ts): read the lock
// and the deployment back from GitHub, let policy decide, and when the deploy never reported,
// mark it `error` and finish it like any ended deploy, which starts the newest queued one.

import type { DeploymentFact } from "../../facts/deploy.js";
import { deploymentPayload } from "../../policy/deploy/deployment-payload.js";
import type { FeatureContext } from "../../features/feature.js";
import type { Config } from "../../policy/config/index.js";
import { decideLockExpiry, type LockedDeployment } from "../../policy/deploy/lock-expiry.js";
import { nothing, plan } from "../../policy/plan.js";
import { lockExpiryTimer, type LockExpiryTimer } from "../../policy/timers.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import { finishDeployment } from "./finish-deployment.js";

const DEFAULT_LOCK_MS = 3_600_000;

export async function runLockExpiryCheck(context: FeatureContext, config: Config, timer: LockExpiryTimer, options: RunOptions): Promise<void> {
  const repo = context.repo();
  const lock = await context.facts.lockOfScope(timer.environment, timer.app);
  // Only the lock this timer was set for, as its own message says which deploy holds it.
  const deployKey = lock?.key === timer.lockKey ? lock.deploymentKey : undefined;
  const found = deployKey !== undefined ? await context.facts.deploymentWithKey(timer.environment, deployKey) : undefined;
  const env = config.environments.find((candidate) => candidate.name === timer.environment);
  const lockMs = found === undefined ? undefined : deploymentPayload(found.payload).lockMs;
  const decision = decideLockExpiry({
    repo,
    now: context.now,
    lockKey: timer.lockKey,
    // A queued deploy took its lock for the span it was queued with; any other for the config's.
    lockTimeoutMs: typeof lockMs === "number" && lockMs > 0 ? lockMs : (env?.lockTimeoutMs ?? DEFAULT_LOCK_MS),
    ...(env?.verify == null ? {} : { verifyTimeoutMs: env.verify.timeoutMs }),
    ...(lock === undefined ? {} : { lock }),
    ...(found === undefined ? {} : { deployment: lockedDeployment(found) }),
  });
  const log = { lock: timer.lockKey, decision: decision.kind };
  if (decision.kind === "nothing") {
    context.log.info(log, `lock expiry: ${decision.why}; nothing to do`);
    await carryOut(context, nothing("already-done", `Lock expiry of ${timer.environment}: ${decision.why}.`), options);
    return;
  }
  if (decision.kind === "wait") {
    if (options.timers !== undefined && !options.dryRun) await options.timers.schedule(lockExpiryTimer({ ...timer, expiresAt: decision.until }));
    await carryOut(context, nothing("locked", `Lock expiry of ${timer.environment}: the lock is held until ${decision.until}; checked again then.`), options);
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

/** The deployment as lock-expiry policy reads it: its newest status only when it has one. */
function lockedDeployment(found: DeploymentFact): LockedDeployment {
  const { id, environment, sha, payload, latestState, latestDescription, latestAt } = found;
  return {
    id,
    environment,
    sha,
    payload,
    ...(latestState === undefined ? {} : { latestState }),
    ...(latestDescription === undefined ? {} : { latestDescription }),
    ...(latestAt === undefined ? {} : { latestAt }),
  };
}
