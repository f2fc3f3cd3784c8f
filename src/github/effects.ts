import type { Action, ActionKind, CommitRef, RepoRef } from "../policy/plan.js";
import type { GitHub } from "./client.js";
import type { IdentitySource } from "./identity.js";

/**
 * What an action left on GitHub: made now, or found already there (a redelivery, a rerun), or
 * `held`: a lock someone else holds, so the action and the rest of its plan did not run. That is
 * an answer, not a failure: the feature reads the lock again and policy decides what to say.
 */
export interface Effect {
  readonly key: string;
  readonly kind: ActionKind;
  readonly status: "done" | "already-done" | "held";
  /** With `held`: the lock as the acquire found it. */
  readonly held?: { readonly holder: string; readonly reason: string; readonly expiresAt: string };
  readonly url?: string;
  readonly sha?: string;
  /** The tree of the commit `sha`, when this action made it: a commit on top need not read it. */
  readonly tree?: string;
  readonly id?: number;
  readonly number?: number;
  /** Where the effect lives, when another action of the plan must address it there. */
  readonly repo?: RepoRef;
}

export interface ExecutionContext {
  readonly octokit: GitHub;
  readonly log: { info(fields: object, message: string): void; warn(fields: object, message: string): void; debug(fields: object, message: string): void };
  /** Who this app is: an effect found by its marker or key counts only when this app wrote it. */
  readonly self: IdentitySource;
  /** Effects of the actions already carried out in this plan, by key. */
  readonly effects: ReadonlyMap<string, Effect>;
}

export type ActionRunner<A extends Action> = (action: A, context: ExecutionContext) => Promise<Effect>;

export type Runners = { readonly [K in ActionKind]: ActionRunner<Extract<Action, { kind: K }>> };

export class PlanOrderError extends Error {
  constructor(readonly key: string) {
    super(`the plan refers to action "${key}" before it ran`);
  }
}

/** A commit named by an earlier action resolves to the sha that action produced. */
export function resolveCommit(ref: CommitRef, context: ExecutionContext): string {
  if (typeof ref === "string") return ref;
  const sha = context.effects.get(ref.fromAction)?.sha;
  if (sha === undefined) throw new PlanOrderError(ref.fromAction);
  return sha;
}

export function effect(action: Action, status: Effect["status"], fields: Omit<Effect, "key" | "kind" | "status"> = {}): Effect {
  return { key: action.key, kind: action.kind, status, ...fields };
}
