import type { Effect } from "../policy/effect.js";
import type { Action, ActionKind, CommitRef, RepoRef } from "../policy/plan.js";

export type { Effect };
import type { GitHub } from "./client.js";
import type { IdentitySource } from "./identity.js";

export interface ExecutionContext {
  /** The event repository's client. An action acts on its own repository through octokitFor. */
  readonly octokit: GitHub;
  /**
   * The client of `repo`'s installation: the event's for the event's repository, else the one
   * looked up for that repository (src/github/installations.ts); it fails with a sentence naming
   * the repository and the action when the app is not installed there.
   */
  readonly octokitFor: (repo: RepoRef) => Promise<GitHub>;
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
