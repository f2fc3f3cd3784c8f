// The commit statuses on a commit, from the facts file's `commitStatuses`, as the GitHub read
// (commitStatusesOn in src/facts/github/deploy-reads.ts) gives the combined status's latest of
// each context; and the check an event says finished: a check run (`check_run`) or a commit
// status (`status`, whose payload is the status itself), for the held deploys it may release.
import type { CommitStatusFact } from "../../policy/deploy/commit-statuses.js";
import { environmentSettings } from "../../policy/deploy/decide-deploy.js";
import type { JsonWorld } from "./world.js";

/** What a check_run or status event says finished: its name (or context), on which commit. */
export interface FinishedCheck {
  readonly name: string;
  readonly sha: string;
  /** As a check run's: `completed` unless the event says otherwise; a status reads `pending` as still running. */
  readonly status: string;
  readonly conclusion: string | null;
  /** Set when it is a commit status rather than a check run. */
  readonly source?: "status";
}

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** The `status` event's own status, when the event is one. */
export function statusEventOf(world: JsonWorld): (CommitStatusFact & { readonly sha: string }) | undefined {
  const event = object(world.event);
  const { context, state, sha } = event;
  if (typeof context !== "string" || typeof state !== "string" || typeof sha !== "string" || "check_run" in event) return undefined;
  return { context, state, sha };
}

/** The check the event says finished, if it is a check_run or status event. */
export function finishedCheckOf(world: JsonWorld): FinishedCheck | undefined {
  const status = statusEventOf(world);
  if (status !== undefined) {
    const pending = status.state === "pending";
    return { name: status.context, sha: status.sha, status: pending ? "pending" : "completed", conclusion: pending ? null : status.state, source: "status" };
  }
  const run = object(world.event?.["check_run"]);
  if (typeof run["name"] !== "string" || typeof run["head_sha"] !== "string") return undefined;
  return {
    name: run["name"],
    sha: run["head_sha"],
    status: typeof run["status"] === "string" ? run["status"] : "completed",
    conclusion: typeof run["conclusion"] === "string" ? run["conclusion"] : null,
  };
}

/**
 * The latest status of each context on the commit. Given: as given, with a status event's own
 * status put first when the facts leave its context out. Not given: the event's status, if the
 * event is one on this commit; else none, said in `assumed` when it could decide a check.
 */
export function commitStatusesIn(world: JsonWorld, sha: string): CommitStatusFact[] {
  const event = statusEventOf(world);
  const own = event !== undefined && event.sha === sha ? [{ context: event.context, state: event.state }] : [];
  const given = world.facts.commitStatuses;
  if (given !== undefined) {
    const named = own.filter((status) => !given.some((other) => other.context.toLowerCase() === status.context.toLowerCase()));
    return [...named, ...given.map((status) => ({ context: status.context, state: status.state }))];
  }
  if (own.length === 0 && statusesCouldDecide(world)) world.assumed.add("commitStatuses: none on the commit");
  return own;
}

/**
 * Whether the default "no statuses" is leaned on: a required check has no check run of its name
 * in the file, so a status of that context would decide it. Check runs not given are assumed
 * green for every required check (deploy.ts), and a check run counts before a status.
 */
function statusesCouldDecide(world: JsonWorld): boolean {
  const runs = world.facts.checkRuns;
  if (runs === undefined) return false;
  const config = world.config.kind === "ok" ? world.config.config : undefined;
  const checks = config?.environments.flatMap((env) => environmentSettings(env).checks) ?? [];
  return checks.some((name) => !runs.some((run) => run.name === name));
}
