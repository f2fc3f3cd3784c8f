// When a deploy of a queueing environment finishes (its lock just freed), the newest deploy that
// waited for it is started: one decision, src/policy/deploy/queue-decision.ts.
import { runDecision } from "../../features/decision.js";
import type { FeatureContext } from "../../features/feature.js";
import type { Config } from "../../policy/config/index.js";
import { startQueuedDecision, type Freed } from "../../policy/deploy/queue-decision.js";

export async function startQueuedDeploys(context: FeatureContext, config: Config, freed: Freed): Promise<void> {
  await runDecision(context, startQueuedDecision(config, freed, { repo: context.repo(), now: context.now }));
}
