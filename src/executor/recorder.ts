// The executor of `release-pilot plan`: nothing is written, each plan is kept under the feature
// that made it. A feature that goes on from an effect (the issue just opened, the release's
// address) gets one that says it is planned, so what it does next is planned too.
import type { Effect } from "../github/effects.js";
import type { Action, Plan } from "../policy/plan.js";
import type { Executor } from "./port.js";

export interface RecordedPart {
  readonly feature: string;
  readonly plan: Plan;
}

export class Recorder {
  readonly parts: RecordedPart[] = [];
  /** Every feature that ran, in order, whether it planned anything or not. */
  readonly features: string[] = [];

  ran(feature: string): void {
    if (!this.features.includes(feature)) this.features.push(feature);
  }

  /** The executor of the event as a whole; each feature's comes from its forFeature. */
  executor(feature: string): Executor {
    return {
      carryOut: (plan) => {
        this.ran(feature);
        this.parts.push({ feature, plan });
        return Promise.resolve(plan.actions.map(plannedEffect));
      },
      forFeature: (name) => {
        this.ran(name);
        return this.executor(name);
      },
    };
  }
}

/** What an action would leave, as far as it can be known before it runs. */
function plannedEffect(action: Action): Effect {
  return { key: action.key, kind: action.kind, status: "done", url: `(the address of ${action.kind} ${action.key}, once made)` };
}
