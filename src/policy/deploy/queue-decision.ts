// When a deploy of a queueing environment ends (its lock just freed), the deploys that waited for
// it are read back and the newest is started (queue.ts). Its dispatch can be refused for good as
// any deploy's can (the workflow changed while it waited): then its deployment is failed with the
// reason and its lock freed, as deploy-decision.ts does for a deploy started at once.
import { act, ask, type Decision } from "../ask.js";
import type { Config } from "../config/index.js";
import { nothing, type Plan } from "../plan.js";
import type { DecisionAt } from "./deploy-decision.js";
import { planStartQueued } from "./queue.js";
import { planRefusedStart } from "./start-failed.js";

export interface Freed {
  readonly environment: string;
  readonly app: string | undefined;
}

export function* startQueuedDecision(config: Config, freed: Freed, at: DecisionAt): Decision<Plan> {
  const env = config.environments.find((candidate) => candidate.name === freed.environment);
  if (env === undefined || !env.queue) return nothing("event-not-relevant", `${freed.environment} does not queue deploys.`);
  const waiting = yield* ask("queued", { env: env.name, ...(freed.app === undefined ? {} : { app: freed.app }) });
  if (waiting.length === 0) return nothing("event-not-relevant", `No deploy waits for ${env.name}.`);
  const chosen = planStartQueued({ repo: at.repo, now: at.now, waiting });
  const outcome = yield* act(chosen);
  const failed = planRefusedStart(at.repo, chosen, outcome);
  if (failed === undefined) return chosen;
  const answered = yield* act(failed);
  if (answered.failure === undefined) yield* ask("settled", {});
  return chosen;
}
