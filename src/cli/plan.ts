// `release-pilot plan --event <name> --payload <file>`: what the bot would do with an event. The
// app's own features run (src/features/registry.ts), with their reads answered from `--facts`
// (src/facts/json/) and their plans recorded instead of carried out (src/executor/recorder.ts):
// there is no second copy of any decision here. Each default a read leaned on is named under
// "Assumed:".
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import { Recorder } from "../executor/recorder.js";
import { jsonFacts } from "../facts/json/index.js";
import { NotPlannableOfflineError } from "../facts/json/not-given.js";
import { Assumptions } from "../facts/json/schema.js";
import { CONFIG_PATH } from "../policy/config-check.js";
import { missingPayloadField } from "../policy/payload-shape.js";
import { nothing, type Plan, type RepoRef } from "../policy/plan.js";
import { FeaturesFailedError, type FeatureContext, type FeatureLog } from "../features/feature.js";
import { registry } from "../features/registry.js";
import { timerEventPayload, timerFeature } from "../features/timers.js";
import { decodeTimer, TIMER_JOB_NAME } from "../policy/timers.js";
import type { RunOptions } from "../features/carry-out.js";
import { formatParts } from "./format-plan.js";
import { readJson, type CliIo } from "./io.js";
import { loadConfigFile, readFacts, type PlanFiles } from "./plan-files.js";

export interface PlanOptions extends PlanFiles {
  /** `push`, `release`, or with an action (`release.prereleased`) that replaces the payload's. */
  readonly event: string;
  readonly json: boolean;
}

/** One feature's plan, or why it cannot be planned offline; an event sets off several. */
export type PlannedPart = { readonly feature: string; readonly plan: Plan } | { readonly feature: string; readonly notPlanned: string };

/** What `--json` prints. */
export interface PlanReport {
  readonly event: string;
  readonly parts: readonly PlannedPart[];
  readonly assumed: readonly string[];
}

// A read no fact of the file answers: the feature is named as not planned, with the read.
export { NotPlannableOfflineError };

const SILENT: FeatureLog = { info() {}, warn() {}, error() {}, debug() {}, child: () => SILENT };

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function registeredFor(event: string, action: string | undefined): EmitterWebhookEventName | undefined {
  const names = Object.keys(registry) as EmitterWebhookEventName[];
  return names.find((name) => name === (action === undefined ? event : `${event}.${action}`)) ?? names.find((name) => name === event);
}

/** The events the app handles, by name (`push`, `issues`, ...), in the registry's order. */
export function handledEvents(): string[] {
  return [...new Set(Object.keys(registry).map((name) => name.split(".")[0] ?? name))];
}

/** `opened and edited`, `opened, synchronize and reopened`. */
function inWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names[names.length - 1]}`;
}

/** The report, or undefined with the reason already printed to stderr. */
export async function planEvent(io: CliIo, options: PlanOptions): Promise<PlanReport | undefined> {
  if (options.event === TIMER_EVENT) return planTimer(io, options);
  const [event = "", given] = options.event.split(".");
  const known = (Object.keys(registry) as string[]).filter((name) => name === event || name.startsWith(`${event}.`));
  if (known.length === 0) {
    io.stderr(`planning ${options.event} offline is not supported; supported events: ${[...handledEvents(), TIMER_EVENT].join(", ")}.\n`);
    return undefined;
  }
  const raw = readJson(io, options.payload);
  if (raw === undefined) return undefined;
  const payload = { ...object(raw), ...(given === undefined ? {} : { action: given }) };
  const action = typeof payload["action"] === "string" ? payload["action"] : undefined;
  const name = registeredFor(event, action);
  const shown = action === undefined ? event : `${event}.${action}`;
  if (name === undefined) {
    const actions = known.map((name) => name.slice(event.length + 1));
    const part: PlannedPart = { feature: shown, plan: nothing("event-not-relevant", `${shown} sets nothing off; the bot acts on ${inWords(actions)}.`) };
    return { event: options.event, parts: [part], assumed: [] };
  }
  const missing = missingPayloadField(event, payload);
  if (missing !== undefined) {
    io.stderr(`${options.payload} is not a payload of ${shown}: it has no ${missing}\n`);
    return undefined;
  }
  const handler = registry[name] as Run | undefined;
  return planRegistered(io, options, { name, shown, payload, run: (context, runOptions) => handler?.(context, runOptions) ?? Promise.resolve() });
}

/** `--event timer`: a due timer's payload (as the job queue keeps it), planned as the worker runs it. */
export const TIMER_EVENT = "timer";

async function planTimer(io: CliIo, options: PlanOptions): Promise<PlanReport | undefined> {
  const raw = readJson(io, options.payload);
  if (raw === undefined) return undefined;
  const timer = decodeTimer(raw);
  if (timer === undefined) {
    io.stderr(
      `${options.payload} is not a timer this version reads: give the payload a due timer carries, e.g. {"v":1,"kind":"lock-expiry","installationId":1,"repo":{"owner":"o","repo":"r"},"environment":"production","lockKey":"lock:production:<deploy key>","expiresAt":"2024-10-21T12:00:00Z"}\n`,
    );
    return undefined;
  }
  const shown = `${TIMER_EVENT} ${timer.kind}`;
  if (timer.kind === "verify") {
    // Its one decision depends on what the version URL answers now, which no facts file holds.
    return {
      event: options.event,
      parts: [{ feature: shown, notPlanned: "a verify timer asks the version URL, which the offline plan does not read" }],
      assumed: [],
    };
  }
  const payload = timerEventPayload(timer) as Record<string, unknown>;
  return planRegistered(io, options, { name: TIMER_JOB_NAME, shown, payload, run: (context, runOptions) => timerFeature(context, timer, runOptions) });
}

type Run = (context: FeatureContext, options: RunOptions) => Promise<void>;

interface Planned {
  /** The registry's event name, or the timer job's. */
  readonly name: string;
  readonly shown: string;
  readonly payload: Record<string, unknown>;
  /** The feature(s) to run: the registry's handler for the event, or the timer's. */
  readonly run: Run;
}

async function planRegistered(io: CliIo, options: PlanOptions, planned: Planned): Promise<PlanReport | undefined> {
  const { name, shown, payload } = planned;
  const repository = object(payload["repository"]);
  const repo: RepoRef = { owner: String(object(repository["owner"])["login"]), repo: String(repository["name"]) };
  const config = loadConfigFile(
    io,
    options.config ?? CONFIG_PATH,
    typeof repository["full_name"] === "string" ? repository["full_name"] : `${repo.owner}/${repo.repo}`,
  );
  if (config === undefined) return undefined;
  const facts = readFacts(io, options.facts);
  if (facts === undefined) return undefined;
  const assumed = new Assumptions();
  if (facts.now === undefined) assumed.add("now: the current time");
  const given = typeof repository["default_branch"] === "string" ? repository["default_branch"] : undefined;
  if (facts.defaultBranch === undefined && given === undefined) assumed.add("defaultBranch: main (the payload names none)");
  const defaultBranch = facts.defaultBranch ?? given ?? "main";
  // Handlers read the default branch from the payload, as GitHub sends it; the facts may say otherwise.
  const event = { ...payload, repository: { ...repository, default_branch: defaultBranch } };
  const { text: configText, ...loaded } = config;
  const source = jsonFacts({
    facts,
    assumed,
    config: loaded,
    configText,
    repo,
    defaultBranch,
    permissionFallback: name.startsWith("issue_comment") ? config.config.commands.permission : "write",
    event,
  });
  const recorder = new Recorder();
  const context: FeatureContext = {
    name: name === TIMER_JOB_NAME ? name : (name.split(".")[0] ?? name),
    id: "offline-plan",
    payload: event as FeatureContext["payload"],
    log: SILENT,
    repo: <T extends object>(extra?: T) => ({ ...repo, ...(extra ?? {}) }) as RepoRef & T,
    facts: source,
    executor: recorder.executor(shown),
    now: facts.now ?? new Date().toISOString(),
  };
  const runOptions: RunOptions = { dryRun: false, self: () => source.self() };
  const failed: PlannedPart[] = [];
  try {
    await planned.run(context, runOptions);
  } catch (error) {
    // A handler that is not a feature list (issue_comment's intake and commands) fails in the
    // feature that was running when it threw: the last one it carried out a plan for.
    const running = recorder.features[recorder.features.length - 1] ?? shown;
    const failures = error instanceof FeaturesFailedError ? error.failures : [{ feature: running, error }];
    for (const failure of failures) failed.push({ feature: failure.feature, notPlanned: reasonOf(failure.error) });
  }
  return { event: options.event, parts: partsOf(recorder, failed), assumed: assumed.list() };
}

function reasonOf(error: unknown): string {
  if (error instanceof NotPlannableOfflineError) return error.message;
  return `it failed: ${error instanceof Error ? error.message : String(error)}`;
}

/** Every feature the event ran, in order: its plans, or that it had nothing to do, or why it was not planned. */
function partsOf(recorder: Recorder, failed: readonly PlannedPart[]): PlannedPart[] {
  const parts: PlannedPart[] = [];
  for (const feature of recorder.features) {
    const plans = recorder.parts.filter((part) => part.feature === feature);
    const failure = failed.find((part) => part.feature === feature);
    parts.push(...plans);
    if (failure !== undefined) parts.push(failure);
    else if (plans.length === 0) parts.push({ feature, plan: nothing("event-not-relevant", `${feature} has nothing to do for this event.`) });
  }
  parts.push(...failed.filter((part) => !recorder.features.includes(part.feature)));
  return parts;
}

export async function planCommand(io: CliIo, options: PlanOptions): Promise<number> {
  const report = await planEvent(io, options);
  if (report === undefined) return 1;
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatParts(report.parts, report.assumed));
  return 0;
}
