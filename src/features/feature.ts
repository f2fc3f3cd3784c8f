// A feature is one capability's reaction to one event (the changelog PR on release.published,
// the staging deploy on push, ...): it reads through `context.facts`, decides with policy, and
// hands the plan to `context.executor`. The same feature runs in the app (facts from GitHub,
// plans carried out) and in `release-pilot plan` (facts from a file, plans recorded).
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context } from "probot";
import type { Executor } from "../executor/port.js";
import type { FactSource } from "../facts/source.js";
import type { Config } from "../policy/config/index.js";
import type { RepoRef } from "../policy/plan.js";
import type { RunOptions } from "./carry-out.js";
import type { LoadedConfig } from "../facts/config.js";

export interface FeatureLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  error(fields: object, message: string): void;
  debug(fields: object, message: string): void;
  child(bindings: object): FeatureLog;
}

/** Everything a feature starts from: the event, the port it reads through, the port it acts through. */
export interface FeatureContext<E extends EmitterWebhookEventName = EmitterWebhookEventName> {
  /** The event (`push`, `issue_comment`, ...) or the timer that set this off. */
  readonly name: string;
  /** The delivery (or job) id, for the logs. */
  readonly id: string;
  readonly payload: Context<E>["payload"];
  readonly log: FeatureLog;
  /** The event's repository, with `extra` fields, as Probot's context.repo(). */
  repo<T extends object = object>(extra?: T): RepoRef & T;
  readonly facts: FactSource;
  readonly executor: Executor;
  /** The time the event is decided at, read once (the app's clock, or the facts file's `now`). */
  readonly now: string;
}

export type Feature<E extends EmitterWebhookEventName> = (context: FeatureContext<E>, config: Config, options: RunOptions) => Promise<void>;

/** What the app registers for one event: everything that event sets off. */
export type EventHandler<E extends EmitterWebhookEventName> = (context: FeatureContext<E>, options: RunOptions) => Promise<void>;

export class FeaturesFailedError extends Error {
  constructor(readonly failures: readonly { feature: string; error: unknown }[]) {
    super(failures.map(({ feature, error }) => `${feature}: ${error instanceof Error ? error.message : String(error)}`).join("; "));
  }
}

/** The same context with what it carries out said to be of `feature`. */
export function forFeature<C extends FeatureContext>(context: C, feature: string): C {
  return { ...context, executor: context.executor.forFeature(feature), log: context.log.child({ feature }) };
}

/**
 * Loads the config once and runs every feature for the event. One feature failing does not stop
 * the others (a failed changelog PR must not hold back a production deploy); the failures are
 * raised together at the end so the job fails and is retried, and runners are idempotent.
 */
export function runFeatures<E extends EmitterWebhookEventName>(
  features: readonly Feature<E>[],
  onInvalid?: (context: FeatureContext<E>, loaded: Extract<LoadedConfig, { kind: "invalid" }>, options: RunOptions) => Promise<void>,
): EventHandler<E> {
  return async (context, options) => {
    const loaded = await context.facts.config();
    if (loaded.kind === "missing") return;
    if (loaded.kind === "invalid") {
      context.log.warn({ delivery: context.id, errors: loaded.errors }, loaded.message);
      await onInvalid?.(context, loaded, options);
      return;
    }
    const failures: { feature: string; error: unknown }[] = [];
    for (const feature of features) {
      const name = feature.name || "feature";
      try {
        await feature(forFeature(context, name), loaded.config, options);
      } catch (error) {
        failures.push({ feature: name, error });
      }
    }
    if (failures.length > 0) throw new FeaturesFailedError(failures);
  };
}
