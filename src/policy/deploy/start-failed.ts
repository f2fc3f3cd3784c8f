// A deploy nobody typed whose dispatch GitHub refused for good (the workflow or the
// infrastructure repository is not there, the inputs do not fit): its deployment would stay
// pending, holding the lock, and nobody would hear. It is failed as a finished deploy is, with
// the reason: the same lock release and check run (with the rollback offer) as any failed deploy,
// so the `deployment_status` GitHub then sends finds them done.
import type { Outcome } from "../effect.js";
import { plan, type Plan, type RepoRef, type SetDeploymentStatus } from "../plan.js";
import { isProductionDeployment } from "./settings.js";
import { planDeploymentOutcome, type FinishedDeployment } from "./outcome.js";

export interface StartFailedFacts {
  readonly repo: RepoRef;
  readonly deployment: FinishedDeployment;
  /** What GitHub answered the dispatch, in words. */
  readonly error: string;
  readonly isProduction: boolean;
}

export function planStartFailed(facts: StartFailedFacts): Plan {
  const { deployment } = facts;
  const reason = `the deploy could not be started: ${facts.error}`;
  const status: SetDeploymentStatus = {
    kind: "set-deployment-status",
    key: `start-failed:${deployment.id}`,
    repo: facts.repo,
    deploymentId: deployment.id,
    state: "error",
    description: reason.slice(0, 140),
  };
  const outcome = planDeploymentOutcome({ repo: facts.repo, deployment, state: "error", isProduction: facts.isProduction, reason });
  return plan(outcome.summary, [status, ...outcome.actions]);
}

/** What GitHub answered a deploy's dispatch that failed, as read off the error. */
export interface DispatchAnswer {
  readonly kind: "dispatch-workflow" | "dispatch-repository-event";
  readonly status: number | undefined;
  readonly retryAfter: boolean;
  readonly rateLimitRemaining: string | undefined;
  readonly message: string;
  readonly refused?: boolean;
}

/**
 * The sentence a dispatch GitHub refused for good is failed with; undefined when it may pass on a
 * retry (no status, a 5xx, a rate limit: 429, or 403 with retry-after or no requests left), which
 * is left to the job's retry. Other 4xx answers say the request cannot work as it is.
 */
export function dispatchRefusedForGood(answer: DispatchAnswer): string | undefined {
  const { status } = answer;
  if (answer.refused === true) return answer.message;
  if (status === undefined || status < 400 || status >= 500 || status === 429) return undefined;
  if (status === 403 && (answer.retryAfter || answer.rateLimitRemaining === "0")) return undefined;
  const what = answer.kind === "dispatch-workflow" ? "workflow dispatch" : "repository dispatch";
  return `GitHub answered ${status} to the ${what} (${answer.message.split("\n")[0]?.slice(0, 200) ?? ""})`;
}

/**
 * The plan failing the deployment a carried-out start (a deploy, a queued deploy's start) made,
 * when its dispatch was refused for good; undefined when the failure was another action's or may
 * pass on a retry.
 */
export function planRefusedStart(repo: RepoRef, started: Plan, outcome: Outcome): Plan | undefined {
  const { failure } = outcome;
  if (failure === undefined) return undefined;
  const { action } = failure;
  if (action.kind !== "dispatch-workflow" && action.kind !== "dispatch-repository-event") return undefined;
  const refused = dispatchRefusedForGood({ ...failure, kind: action.kind });
  if (refused === undefined) return undefined;
  const planned = started.actions.find((candidate) => candidate.kind === "create-deployment" && candidate.key === action.deploymentKey);
  const created = outcome.effects.find((effect) => effect.kind === "create-deployment" && effect.key === action.deploymentKey);
  if (created?.id === undefined || planned?.kind !== "create-deployment") return undefined;
  return planStartFailed({
    repo,
    deployment: { id: created.id, environment: planned.environment, sha: planned.ref, payload: planned.payload },
    error: refused,
    isProduction: isProductionDeployment(planned.environment),
  });
}
