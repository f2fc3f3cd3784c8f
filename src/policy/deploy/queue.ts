// `queue: true`: a deploy that finds its environment held by another running deploy waits
// instead of being refused. It is recorded at once as a GitHub Deployment with no status yet
// (GitHub shows it pending), carrying what starting it needs; when the running deploy finishes,
// the newest waiting one starts and older waiting ones are marked superseded, as GitHub Actions'
// concurrency groups keep only the newest pending run.

import { plan, type Action, type CreateDeployment, type Plan, type RepoRef } from "../plan.js";
import { isExpired } from "./lock.js";
import { acquireLock, dispatchAction, replyAction, type DispatchFacts } from "./deploy-actions.js";
import type { DeployFacts } from "./deploy-facts.js";
import { short } from "./settings.js";
import { mention } from "../markdown/inert.js";
import { deploymentPayload, encodeDeploymentPayload } from "./deployment-payload.js";

/** How a superseded waiting deployment's status starts; such a deployment never ran. */
export const SUPERSEDED = "Superseded by";

/** Payload fields of a waiting deployment. */
export { QUEUED_BEHIND_FIELD as QUEUED_BEHIND } from "./deployment-payload.js";

/**
 * Refused only because another deploy of a queueing environment holds it. A deploy of the very
 * commit already being deployed does not wait: it would only deploy the same thing again.
 */
export function waitsInQueue(facts: DeployFacts, reason: string): boolean {
  const lock = facts.lock;
  if (reason !== "locked" || !facts.env.queue || lock?.deploymentKey === undefined || isExpired(lock, facts.now)) return false;
  return !lock.deploymentKey.includes(`:${facts.target.sha}:`);
}

export function planQueued(facts: DeployFacts, key: string, deployment: CreateDeployment): Plan {
  const holder = facts.lock?.holder ?? "another deploy";
  const queued: CreateDeployment = {
    ...deployment,
    description: `Release Pilot: waiting for ${holder}'s deploy to ${facts.env.name}`.slice(0, 140),
    payload: {
      ...deployment.payload,
      ...encodeDeploymentPayload({
        queuedBehind: facts.lock?.deploymentKey ?? "",
        // The rendered dispatch, so the deploy starts as it was asked even if the config changes.
        dispatch: JSON.stringify(facts.dispatch),
        lockMs: facts.lockMs ?? 3_600_000,
      }),
    },
  };
  const actions: Action[] = [queued];
  const reply = replyAction(
    facts,
    key,
    `⏳ Queued \`${short(facts.target.sha)}\` for **${facts.env.name}**: ${holder}'s deploy is running there. This one starts when it finishes (a newer queued deploy replaces it); the result will appear here.`,
  );
  if (reply !== undefined) actions.push(reply);
  return plan(`Queue \`${short(facts.target.sha)}\` for ${facts.env.name} behind ${holder}'s deploy.`, actions);
}

/** A deployment this bot queued and has not started, as read back from GitHub. */
export interface QueuedDeployment {
  readonly id: number;
  readonly sha: string;
  readonly createdAt: string;
  readonly environment: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface StartQueuedFacts {
  readonly repo: RepoRef;
  readonly now: string;
  /** Waiting deployments of the environment (and app) just freed, any order. */
  readonly waiting: readonly QueuedDeployment[];
}

/** Start the newest waiting deploy; mark the older ones superseded. Nothing when none waits. */
export function planStartQueued(facts: StartQueuedFacts): Plan {
  const ordered = [...facts.waiting].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
  const [next, ...older] = ordered;
  if (next === undefined) return plan("No deploy is waiting.", []);
  const started = startActions(facts, next);
  if (started === undefined) return plan(`The queued deployment ${next.id} cannot be started: its payload is not this bot's.`, []);
  const superseded: Action[] = older.map((record) => ({
    kind: "set-deployment-status",
    key: `superseded:${record.id}`,
    repo: facts.repo,
    deploymentId: record.id,
    state: "inactive",
    description: `${SUPERSEDED} the newer queued deploy of ${short(next.sha)}`,
  }));
  return plan(`Start the queued deploy of \`${short(next.sha)}\` to ${next.environment}${older.length === 0 ? "" : `; ${older.length} older superseded`}.`, [
    ...started,
    ...superseded,
  ]);
}

function startActions(facts: StartQueuedFacts, record: QueuedDeployment): Action[] | undefined {
  const p = deploymentPayload(record.payload);
  const { key, app, lockMs } = p;
  const dispatch = parseDispatch(p.dispatch);
  if (key === undefined || dispatch === undefined) return undefined;
  const requester = p.requestedBy ?? "unknown";
  const what = `\`${short(record.sha)}\``;
  const lockFacts = {
    env: { name: record.environment },
    ...(app === undefined ? {} : { app }),
    now: facts.now,
    ...(lockMs === undefined ? {} : { lockMs }),
    repo: facts.repo,
    requester,
    target: { sha: record.sha },
  };
  const actions: Action[] = [
    acquireLock(lockFacts, key, what),
    // Found by its key, so the dispatch records itself on this very deployment.
    {
      kind: "create-deployment",
      key,
      repo: facts.repo,
      environment: record.environment,
      ref: record.sha,
      description: `Release Pilot: ${what} to ${record.environment} for ${requester}`,
      payload: encodeDeploymentPayload({ ...(app === undefined ? {} : { app }), requestedBy: requester }),
    },
    dispatchAction(dispatch, key),
  ];
  const { issueNumber } = p;
  const reply = replyAction(
    { repo: facts.repo, ...(issueNumber === undefined ? {} : { issueNumber }) },
    key,
    `🚀 Deploying ${what} to **${record.environment}** for ${mention(requester)} (it was queued); the result will appear here.`,
  );
  if (reply !== undefined) actions.push(reply);
  return actions;
}

function parseDispatch(value: unknown): DispatchFacts | undefined {
  if (typeof value !== "string") return undefined;
  try {
    const parsed = JSON.parse(value) as DispatchFacts;
    return parsed.kind === "workflow" || parsed.kind === "repository" ? parsed : undefined;
  } catch {
    return undefined;
  }
}
