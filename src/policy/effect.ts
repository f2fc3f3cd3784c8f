// What carrying out an action left, as data a decision can read back: made now, found already
// there, or held by someone else; and, when a plan stopped, which action GitHub refused and how.
import type { Action, ActionKind, RepoRef } from "./plan.js";

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

/** What GitHub answered the action that stopped a plan, read off the error by the executor. */
export interface ActionFailure {
  readonly action: Action;
  /** The HTTP status; undefined when no answer came (a network error, a timeout). */
  readonly status: number | undefined;
  readonly retryAfter: boolean;
  readonly rateLimitRemaining: string | undefined;
  readonly message: string;
  /** The executor refused the action before asking GitHub; the message says why, and no retry mends it. */
  readonly refused?: boolean;
}

/** A plan carried out: each action's effect in order, and the failure that stopped it, if one did. */
export interface Outcome {
  readonly effects: readonly Effect[];
  readonly failure?: ActionFailure;
}
