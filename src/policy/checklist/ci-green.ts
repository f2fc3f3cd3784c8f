// Whether CI is green on a commit, for the `ci-green` auto item: every check run and every
// commit status (CI outside GitHub Apps, such as Jenkins) counts. A commit status reads as GitHub
// combines them ("Get the combined status for a specific reference", REST docs): the latest of
// each context, any `error` or `failure` red, any `pending` not yet known. A commit with neither
// runs nor statuses is not known to be green: the item stays for a person. A status turning
// success on the default branch's head is an event to read the item again on (statusMovesChecklists).
import type { Config } from "../config/index.js";
import type { CommitStatusFact } from "../deploy/commit-statuses.js";
import { nothing, type Plan } from "../plan.js";

const GREEN_RUN = new Set(["success", "neutral", "skipped"]);

export interface CiRun {
  readonly status: string;
  readonly conclusion: string | null;
}

/** True when everything reported passed, false once anything failed, undefined while unknown. */
export function ciGreenOf(runs: readonly CiRun[], statuses: readonly CommitStatusFact[]): boolean | undefined {
  const runFailed = runs.some((run) => run.status === "completed" && !GREEN_RUN.has(run.conclusion ?? ""));
  const statusFailed = statuses.some((status) => status.state === "error" || status.state === "failure");
  if (runFailed || statusFailed) return false;
  if (runs.length === 0 && statuses.length === 0) return undefined;
  if (runs.some((run) => run.status !== "completed") || statuses.some((status) => status.state === "pending")) return undefined;
  return true;
}

export interface StatusEvent {
  readonly state: string;
  readonly sha: string;
  readonly context: string;
  /** The payload's branches containing the commit, each with its head (at most 10, as GitHub sends). */
  readonly branches: readonly { readonly name: string; readonly commit: { readonly sha: string | null } }[];
  readonly defaultBranch: string;
}

/**
 * Whether a commit status can tick a `ci-green` item: undefined when it can (a success on the
 * default branch's head, which is what the item reads), else the plan saying why not. Most
 * statuses stop here, before any API call.
 */
export function statusMovesChecklists(config: Config, event: StatusEvent): Plan | undefined {
  if (config.checklist === null) return nothing("event-not-relevant", "No checklist is configured.");
  if (event.state !== "success") return nothing("event-not-relevant", `The ${event.context} status is ${event.state}; only a success can make CI green.`);
  const head = event.branches.some((branch) => branch.name === event.defaultBranch && branch.commit.sha === event.sha);
  if (!head) return nothing("event-not-relevant", `The ${event.context} status is not on the head of ${event.defaultBranch}, which ci-green items read.`);
  return undefined;
}
