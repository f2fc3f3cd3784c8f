// A dispatched deploy workflow can die before it ever sets a deployment status (a syntax error, a
// cancelled run, a runner that timed out). Its `workflow_run.completed` is then the only sign of
// the failure, so the bot finds the deployment the run served and fails it on the run's behalf.
// The run's payload does not carry the dispatch inputs, and its head_sha is the tip of the
// dispatched branch or tag rather than the deployed commit (a rollback, a promotion, a release
// behind main), so the deployment is recognised by the run's id, which GitHub answered the
// dispatch with and the executor recorded in its "Dispatched ... (run N)" status
// (dispatch-record.ts). A record without a run id (written before, or by a GitHub that did not
// answer one) is matched as it was then: same commit, same workflow.

import { deploymentPayload } from "./deployment-payload.js";
import { readDispatchRecord } from "./dispatch-record.js";
import { nothing, plan, type Plan, type RepoRef, type SetDeploymentStatus } from "../plan.js";
import { planDeploymentOutcome } from "./outcome.js";
import { isProductionDeployment, type ChosenVersion } from "./settings.js";

export interface FinishedRun {
  /** The run's id: what the dispatch that started it was answered with. */
  readonly id: number;
  /** When GitHub created the run: right after the dispatch, so after its deployment. */
  readonly createdAt: string;
  readonly headSha: string;
  /** The workflow's file, e.g. `.github/workflows/deploy.yml`. */
  readonly path: string;
  readonly name: string;
  readonly event: string;
  readonly conclusion: string | null;
  readonly htmlUrl: string;
}

export interface DeploymentCandidate {
  readonly id: number;
  readonly environment: string;
  readonly sha: string;
  readonly createdAt: string;
  readonly productionEnvironment: boolean;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly latestState: string | undefined;
  readonly latestDescription: string | undefined;
  /** The description of this app's own "Dispatched ..." status of the deployment, wherever it stands. */
  readonly dispatchRecord?: string;
}

/** Conclusions that mean the deploy did not happen; `success`, `skipped` and `neutral` say nothing. */
export const FAILED_CONCLUSIONS = ["failure", "cancelled", "timed_out", "startup_failure"] as const;
const WAITING = new Set(["queued", "in_progress", "pending"]);

export type Served = { readonly kind: "found"; readonly deployment: DeploymentCandidate } | { readonly kind: "none"; readonly reason: string };

/** Whether the run is worth looking into at all, before any deployment is read. */
export function runNeedsOutcome(run: FinishedRun): boolean {
  return run.event === "workflow_dispatch" && FAILED_CONCLUSIONS.some((conclusion) => conclusion === run.conclusion);
}

/** A dispatch's deployment is created just before it; a run an hour younger is not its run. */
const RUN_WINDOW_MS = 3_600_000;

/** The times between which the deployment a run served was created: the hour before the run. */
export function runWindow(run: Pick<FinishedRun, "createdAt">): { since: string; until: string } {
  const created = Date.parse(run.createdAt);
  if (Number.isNaN(created)) return { since: new Date(0).toISOString(), until: new Date(0).toISOString() };
  return { since: new Date(created - RUN_WINDOW_MS).toISOString(), until: run.createdAt };
}

export function createdWithin(createdAt: string, since: string, until: string): boolean {
  const at = Date.parse(createdAt);
  return at >= Date.parse(since) && at <= Date.parse(until);
}

/** The bot deployment still waiting on the dispatch that started this run. */
export function findServedDeployment(run: FinishedRun, candidates: readonly DeploymentCandidate[]): Served {
  if (!runNeedsOutcome(run)) return { kind: "none", reason: `the run ended with ${run.conclusion ?? "no conclusion"} or was not dispatched` };
  const file = run.path.split("/").pop() ?? run.path;
  const names = new Set([file, run.path, run.name].filter((name) => name !== ""));
  const served = candidates
    .filter((candidate) => deploymentPayload(candidate.payload).key !== undefined)
    .filter((candidate) => candidate.latestState !== undefined && WAITING.has(candidate.latestState))
    .filter((candidate) => servedBy(run, candidate, names))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  const [newest] = served;
  // A deployment that already has a final status was reported by its own deployment_status.
  return newest === undefined ? { kind: "none", reason: `no deployment is waiting on run ${run.id} of ${file}` } : { kind: "found", deployment: newest };
}

function servedBy(run: FinishedRun, candidate: DeploymentCandidate, names: ReadonlySet<string>): boolean {
  const record = readDispatchRecord(candidate.dispatchRecord);
  if (record === undefined) return false;
  if (record.runId !== undefined) return record.runId === run.id;
  return candidate.sha === run.headSha && names.has(record.what);
}

/** The environment's pointer tag and production flag come from the config and the deployment. */
export function decideWorkflowFailure(
  environments: readonly { readonly name: string; readonly pointerTag?: string | null }[],
  facts: Omit<WorkflowFailureFacts, "pointerTag" | "isProduction">,
): Plan {
  const env = environments.find((candidate) => candidate.name === facts.deployment.environment);
  return planWorkflowFailure({
    ...facts,
    ...(env?.pointerTag == null ? {} : { pointerTag: env.pointerTag }),
    isProduction: isProductionDeployment(facts.deployment.environment, facts.deployment.productionEnvironment),
  });
}

export interface WorkflowFailureFacts {
  readonly repo: RepoRef;
  readonly run: FinishedRun;
  readonly deployment: DeploymentCandidate;
  readonly pointerTag?: string;
  readonly isProduction: boolean;
  readonly previousSuccess?: ChosenVersion;
}

/**
 * Fails the deployment with the run as its log, then plans exactly what a `deployment_status`
 * failure plans: the keyed comment and lock release converge when that event arrives too.
 */
export function planWorkflowFailure(facts: WorkflowFailureFacts): Plan {
  const { run, deployment } = facts;
  if (!runNeedsOutcome(run)) return nothing("event-not-relevant", `The run ended with ${run.conclusion ?? "no conclusion"}.`);
  const status: SetDeploymentStatus = {
    kind: "set-deployment-status",
    key: `workflow-failed:${deployment.id}`,
    repo: facts.repo,
    deploymentId: deployment.id,
    state: "failure",
    description: `The ${run.name || run.path} run ended with ${run.conclusion ?? "failure"}`.slice(0, 140),
    logUrl: run.htmlUrl,
  };
  const outcome = planDeploymentOutcome({
    repo: facts.repo,
    deployment: { id: deployment.id, environment: deployment.environment, sha: deployment.sha, payload: deployment.payload },
    state: "failure",
    ...(facts.pointerTag === undefined ? {} : { pointerTag: facts.pointerTag }),
    isProduction: facts.isProduction,
    ...(facts.previousSuccess === undefined ? {} : { previousSuccess: facts.previousSuccess }),
    logUrl: run.htmlUrl,
  });
  return plan(outcome.summary, [status, ...outcome.actions]);
}
