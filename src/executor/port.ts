// The one way a feature acts: it hands a plan to an Executor and gets back what each action left.
// Two stand behind this port: the GitHub executor (src/executor/github.ts, today's src/github
// runners) and the recorder (src/executor/recorder.ts) that `release-pilot plan` prints from.
import type { Effect } from "../github/effects.js";
import type { Action, Plan } from "../policy/plan.js";

export interface Executor {
  /** Carries the plan out (or records it) and answers each action's effect, in order. */
  carryOut(plan: Plan): Promise<readonly Effect[]>;
  /** The same executor with what it carries out said to be of `feature` (logs, recorded parts). */
  forFeature(feature: string): Executor;
}

/** A plan that stopped part-way: which action failed, why, and what was done before it. */
export class ActionFailedError extends Error {
  constructor(
    readonly action: Action,
    override readonly cause: unknown,
    readonly completed: readonly Effect[],
  ) {
    super(`${action.kind} (${action.key}) failed: ${cause instanceof Error ? cause.message : String(cause)}`);
  }
}

/**
 * The executor's own refusal of an action GitHub would refuse as well (a dispatch the workflow
 * does not accept), raised before anything is written; no retry mends it, and its message is the
 * sentence the person reads.
 */
export class RefusedError extends Error {
  override readonly name = "RefusedError";
}
