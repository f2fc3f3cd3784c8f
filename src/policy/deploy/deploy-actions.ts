// The actions of one deploy that the first deploy and a queued deploy's start share: the lock it
// takes, the dispatch that starts its workflow, and the one reply the bot keeps editing. Kept out
// of plan-deploy.ts so the queue (queue.ts) builds its start from them without importing it back.
import type { Action, Comment, RepoRef } from "../plan.js";
import { lockScope } from "./lock.js";

const DEFAULT_LOCK_MS = 3_600_000;

export type DispatchFacts =
  | {
      readonly kind: "workflow";
      readonly repo: RepoRef;
      readonly workflow: string;
      readonly ref: string;
      /** Already rendered by the caller; `deployment_id` is added by the executor. */
      readonly inputs: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "repository";
      readonly repo: RepoRef;
      readonly eventType: string;
      readonly payload: Readonly<Record<string, string>>;
    };

export interface LockFacts {
  readonly env: { readonly name: string };
  readonly app?: string;
  readonly now: string;
  readonly lockMs?: number;
  readonly repo: RepoRef;
  readonly requester: string;
  readonly target: { readonly sha: string };
}

export function acquireLock(facts: LockFacts, key: string, what: string): Action {
  const scope = lockScope(facts.env.name, facts.app);
  // An unreadable `now` yields a lock that is already expired rather than one held forever.
  const start = Date.parse(facts.now);
  const expires = Number.isNaN(start) ? 0 : start + (facts.lockMs ?? DEFAULT_LOCK_MS);
  return {
    kind: "acquire-lock",
    key: `lock:${scope}:${key}`,
    repo: facts.repo,
    environment: scope,
    holder: facts.requester,
    reason: `deploying ${what}`,
    expiresAt: new Date(expires).toISOString(),
    now: facts.now,
    commit: facts.target.sha,
    deploymentKey: key,
  };
}

export function dispatchAction(dispatch: DispatchFacts, key: string): Action {
  if (dispatch.kind === "workflow") {
    return {
      kind: "dispatch-workflow",
      key: `dispatch:${key}`,
      repo: dispatch.repo,
      workflow: dispatch.workflow,
      ref: dispatch.ref,
      inputs: dispatch.inputs,
      deploymentKey: key,
    };
  }
  return {
    kind: "dispatch-repository-event",
    key: `dispatch:${key}`,
    repo: dispatch.repo,
    eventType: dispatch.eventType,
    clientPayload: dispatch.payload,
    deploymentKey: key,
  };
}

/** The one comment the bot keeps editing for this deploy, when a person asked in an issue. */
export function replyAction(facts: { readonly repo: RepoRef; readonly issueNumber?: number }, key: string, body: string): Comment | undefined {
  if (facts.issueNumber === undefined) return undefined;
  return { kind: "comment", key: `deploy-reply:${key}`, repo: facts.repo, issueNumber: facts.issueNumber, body, editable: true };
}
