// When a deploy of a queueing environment finishes (its lock just freed), the deploys that waited
// for it are read back and the newest is started; see src/policy/deploy/queue.ts.

import type { FeatureContext } from "../../features/feature.js";
import type { Config } from "../../policy/config/index.js";
import { planStartQueued } from "../../policy/deploy/queue.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";

export async function startQueuedDeploys(
  context: FeatureContext,
  config: Config,
  finished: { readonly environment: string; readonly app: string | undefined },
  options: RunOptions,
): Promise<void> {
  const env = config.environments.find((candidate) => candidate.name === finished.environment);
  if (env === undefined || !env.queue) return;
  const waiting = await context.facts.queuedDeployments(env.name, finished.app);
  if (waiting.length === 0) return;
  await carryOut(context, planStartQueued({ repo: context.repo(), now: context.now, waiting }), options);
}
