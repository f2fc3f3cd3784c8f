// A Probot event as a FeatureContext: facts read through the event's Octokit, plans carried out
// on GitHub, one clock read for the whole event.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import type { Context } from "probot";
import { githubExecutor } from "../executor/github.js";
import { githubFacts } from "../facts/github/index.js";
import type { GitHub } from "../github/client.js";
import { octokitsByRepo } from "../github/installations.js";
import { countApiCalls } from "../ops/api-calls.js";
import { cacheConditionalReads } from "../github/etag-cache.js";
import type { RepoRef } from "../policy/plan.js";
import type { RunOptions } from "./carry-out.js";
import { loadConfig } from "../facts/github/config.js";
import type { ConfigReader } from "../facts/config.js";
import type { FeatureContext, FeatureLog } from "./feature.js";

export interface EventSource {
  readonly name: string;
  readonly id: string;
  readonly payload: unknown;
  readonly octokit: GitHub;
  readonly log: FeatureLog;
  repo(): RepoRef;
  /** Probot's config loader (`_extends`, organisation defaults); absent for a timer's context. */
  readonly config: ConfigReader;
}

function installationOf(payload: unknown): number | undefined {
  if (typeof payload !== "object" || payload === null || !("installation" in payload)) return undefined;
  const installation = payload.installation;
  if (typeof installation !== "object" || installation === null || !("id" in installation)) return undefined;
  return typeof installation.id === "number" ? installation.id : undefined;
}

export function featureContextOf<E extends EmitterWebhookEventName>(event: EventSource, options: RunOptions, now: Date = new Date()): FeatureContext<E> {
  countApiCalls(event.octokit);
  const repo = event.repo();
  const log = event.log.child({ delivery: event.id, event: event.name });
  const installationId = installationOf(event.payload);
  // Reads that repeat across events (config, templates, the dashboard) become free 304s.
  cacheConditionalReads(event.octokit, installationId);
  const { appAuth } = options;
  // One lookup per other repository for the whole event, shared by its reads and its writes.
  const octokitFor = octokitsByRepo({
    octokit: event.octokit,
    repo,
    installationId,
    appAuth:
      appAuth &&
      (async (id) => {
        const client = await appAuth(id);
        if (id !== undefined) countApiCalls(client);
        cacheConditionalReads(client, id);
        return client;
      }),
  });
  return {
    name: event.name,
    id: event.id,
    payload: event.payload as Context<E>["payload"],
    log,
    repo: <T extends object>(extra?: T) => ({ ...repo, ...(extra ?? {}) }) as RepoRef & T,
    facts: githubFacts({ octokit: event.octokit, repo, self: options.self, octokitFor }, () => loadConfig(event, repo, options)),
    executor: githubExecutor({
      octokit: event.octokit,
      octokitFor,
      log,
      self: options.self,
      dryRun: options.dryRun,
      timers: options.timers,
      installationId,
      observe: options.observe,
    }),
    now: now.toISOString(),
  };
}

/** Probot's FeatureContext as the source of a FeatureContext. */
export function fromProbot<E extends EmitterWebhookEventName>(context: Context<E>, options: RunOptions): FeatureContext<E> {
  return featureContextOf<E>(
    {
      name: context.name,
      id: context.id,
      payload: context.payload,
      octokit: context.octokit,
      log: context.log,
      repo: () => context.repo(),
      config: (file) => context.config<Record<string, unknown>>(file),
    },
    options,
  );
}
