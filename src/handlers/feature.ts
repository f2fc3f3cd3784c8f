import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context } from "probot";
import type { Config } from "../policy/config/index.js";
import type { RunOptions } from "./carry-out.js";
import { countApiCalls } from "../ops/api-calls.js";
import { loadConfig, type LoadedConfig } from "./config.js";

/**
 * One capability's reaction to one event (the changelog PR on release.published, the staging
 * deploy on push, ...). Each gathers its own facts, calls its policy and carries out the plan.
 */
export type Feature<E extends EmitterWebhookEventName> = (context: Context<E>, config: Config, options: RunOptions) => Promise<void>;

export class FeaturesFailedError extends Error {
  constructor(readonly failures: readonly { feature: string; error: unknown }[]) {
    super(failures.map(({ feature, error }) => `${feature}: ${error instanceof Error ? error.message : String(error)}`).join("; "));
  }
}

/**
 * Loads the config once and runs every feature for the event. One feature failing does not stop
 * the others (a failed changelog PR must not hold back a production deploy); the failures are
 * raised together at the end so the job fails and is retried, and runners are idempotent.
 */
export async function runFeatures<E extends EmitterWebhookEventName>(
  context: Context<E>,
  features: readonly Feature<E>[],
  options: RunOptions,
  onInvalid?: (loaded: Extract<LoadedConfig, { kind: "invalid" }>) => Promise<void>,
): Promise<void> {
  countApiCalls(context.octokit);
  const loaded = await loadConfig(context, options);
  if (loaded.kind === "missing") return;
  if (loaded.kind === "invalid") {
    context.log.warn({ delivery: context.id, errors: loaded.errors }, loaded.message);
    await onInvalid?.(loaded);
    return;
  }
  const failures: { feature: string; error: unknown }[] = [];
  for (const feature of features) {
    try {
      await feature(context, loaded.config, options);
    } catch (error) {
      failures.push({ feature: feature.name || "feature", error });
    }
  }
  if (failures.length > 0) throw new FeaturesFailedError(failures);
}
