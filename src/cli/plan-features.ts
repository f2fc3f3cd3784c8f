// An event's plan is one part per feature the handlers run for it, in the handlers' order. The
// feature names come from the handlers' own lists (src/handlers/events/*.ts), so a feature added
// there shows up here as "not planned offline" until it has a planner, never silently missing.
import { nothing, type Plan } from "../policy/plan.js";
import type { PlanInput, PlannedPart } from "./plan-input.js";

export type FeaturePlanner<P> = (input: PlanInput<P>) => readonly PlannedPart[];

/** A planner that always gives one plan. */
export function single<P>(feature: string, decide: (input: PlanInput<P>) => Plan | string): FeaturePlanner<P> {
  return (input) => {
    const decided = decide(input);
    return [typeof decided === "string" ? { feature, notPlanned: decided } : { feature, plan: decided }];
  };
}

export function planFeatures<P>(
  input: PlanInput<P>,
  features: readonly { readonly name: string }[],
  planners: Readonly<Record<string, FeaturePlanner<P>>>,
): PlannedPart[] {
  return features.flatMap(({ name }) => {
    const planner = planners[name];
    return planner === undefined ? [{ feature: name, notPlanned: "this feature has no offline planner yet" }] : planner(input);
  });
}

/** The dashboard shows the repository's whole state, which only the bot's many reads gather. */
export function planDashboard(input: PlanInput<unknown>): readonly PlannedPart[] {
  if (!input.config.dashboard) return [{ feature: "refreshDashboard", plan: nothing("not-configured", "The Release Dashboard is off (dashboard: false).") }];
  return [
    {
      feature: "refreshDashboard",
      notPlanned: "the dashboard shows every deployment, lock and unreleased pull request, which are read from GitHub, not from --facts",
    },
  ];
}
