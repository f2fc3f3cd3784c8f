// A deploy whose workflow died never reports, and with `queue: true` the deploys queued behind it
// would wait until someone deployed again. So when a deploy takes its lock the app sets a timer
// for the lock's expiry, and when it fires this decides: a deploy that still has not reported is
// marked `error` (which frees its lock and starts the newest queued deploy, as any finished
// deploy does); anything else (it reported, the lock is gone or someone else's) leaves things be.

import type { Action, SetDeploymentStatus, RepoRef } from "../plan.js";
import { lockExpiryTimer, type TimerRequest } from "../timers.js";
import { formatDuration, isExpired, type Lock } from "./lock.js";
import { isVerifying } from "./verify.js";

/** The deploy's deployment as read back from GitHub, with its newest status. */
export interface LockedDeployment {
  readonly id: number;
  readonly environment: string;
  readonly sha: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly latestState?: string;
  readonly latestDescription?: string;
  /** ISO time the newest status was written. */
  readonly latestAt?: string;
}

export interface LockExpiryFacts {
  readonly repo: RepoRef;
  readonly now: string;
  /** The key of the acquire-lock action the timer was set for. */
  readonly lockKey: string;
  /** The environment's `lock_timeout`, for the sentence on the deployment. */
  readonly lockTimeoutMs: number;
  /** The environment's `verify.timeout`, when it verifies. */
  readonly verifyTimeoutMs?: number;
  /** The lock on the scope now, if any. */
  readonly lock?: Lock;
  /** The deployment carrying the lock's deploy key, if GitHub still lists it. */
  readonly deployment?: LockedDeployment;
}

export type LockExpiryDecision =
  | { readonly kind: "nothing"; readonly why: string }
  /** Look again then: the lock is held longer than the timer thought, or a verify may still end. */
  | { readonly kind: "wait"; readonly until: string }
  | { readonly kind: "expire"; readonly status: SetDeploymentStatus; readonly deployment: LockedDeployment };

/**
 * States a deploy ends in, of GitHub's `error, failure, inactive, in_progress, queued, pending,
 * success` (https://docs.github.com/rest/deployments/statuses#create-a-deployment-status, as in
 * @octokit/openapi); the description written below stays within its 140 characters.
 */
const FINISHED = new Set(["success", "failure", "error", "inactive"]);

export function decideLockExpiry(facts: LockExpiryFacts): LockExpiryDecision {
  const { lock, deployment } = facts;
  if (lock === undefined || lock.key !== facts.lockKey) return { kind: "nothing", why: "the deploy's lock is already free or held by someone else" };
  if (!isExpired(lock, facts.now)) return { kind: "wait", until: lock.expiresAt };
  if (deployment === undefined) return { kind: "nothing", why: "no deployment carries the lock's deploy key" };
  if (deployment.latestState !== undefined && FINISHED.has(deployment.latestState))
    return { kind: "nothing", why: `the deploy reported ${deployment.latestState}` };
  let description = `no status within ${spoken(facts.lockTimeoutMs)}; the lock expired`;
  // Its workflow reported success and the bot is reading the version URL: the verify ends it,
  // unless it has run past its own timeout (its timers failed): then it is ended here.
  if (isVerifying(deployment.latestState, deployment.latestDescription)) {
    const started = Date.parse(deployment.latestAt ?? "");
    if (facts.verifyTimeoutMs !== undefined && !Number.isNaN(started)) {
      const deadline = started + facts.verifyTimeoutMs + VERIFY_GRACE_MS;
      if (Date.parse(facts.now) < deadline) return { kind: "wait", until: new Date(deadline).toISOString() };
      description = `the verify did not end within ${spoken(facts.verifyTimeoutMs)}; the lock expired`;
    } else {
      description = "the verify did not end; the lock expired";
    }
  }
  return {
    kind: "expire",
    deployment,
    status: { kind: "set-deployment-status", key: `lock-expired:${deployment.id}`, repo: facts.repo, deploymentId: deployment.id, state: "error", description },
  };
}

/** A verify's last request may start right at its timeout and take a while; so much more is allowed. */
export const VERIFY_GRACE_MS = 120_000;

/**
 * The expiry checks a carried-out plan calls for: one per lock a deploy took (a person's /lock
 * expires by itself and starts nothing). `installationId` is the event's.
 */
export function lockExpiryTimers(actions: readonly Action[], installationId: number): TimerRequest[] {
  return actions.flatMap((action) => {
    if (action.kind !== "acquire-lock" || action.deploymentKey === undefined) return [];
    const [environment = action.environment, app] = action.environment.split("@");
    return [
      lockExpiryTimer({
        kind: "lock-expiry",
        installationId,
        repo: action.repo,
        environment,
        ...(app === undefined ? {} : { app }),
        lockKey: action.key,
        expiresAt: action.expiresAt,
      }),
    ];
  });
}

/** `lock_timeout` as written: `30m`, `2h`, or seconds when it is no whole number of minutes. */
function spoken(ms: number): string {
  return ms > 0 && ms % 60_000 !== 0 ? `${Math.round(ms / 1000)}s` : formatDuration(ms);
}
