// The record a deployment keeps of the dispatch that started it: the description of the "queued"
// status the executor writes right after dispatching (src/github/actions/dispatch.ts), e.g.
// "Dispatched deploy.yml in acme/web (run 8812)". It is both how a rerun knows not to dispatch
// again and how a finished `workflow_run` finds the deployment it served (workflow-outcome.ts),
// so it is written and read here only. Records written before runs were answered have no
// "(run N)"; they are still read, matched by workflow and commit as they were then.

export const DISPATCHED = "Dispatched";

export interface DispatchRecord {
  /** The workflow file or the repository_dispatch event type. */
  readonly what: string;
  /** The workflow run GitHub answered the dispatch with. */
  readonly runId?: number;
}

/** `where` is "deploy.yml in acme/web" or "deploy to acme/infra". */
export function dispatchedDescription(where: string, runId: number | undefined): string {
  const run = runId === undefined ? "" : ` (run ${runId})`;
  // A status description holds 140 characters: the run's id is kept when the rest is cut.
  return `${`${DISPATCHED} ${where}`.slice(0, 140 - run.length)}${run}`;
}

export function readDispatchRecord(description: string | undefined): DispatchRecord | undefined {
  if (description === undefined || !description.startsWith(`${DISPATCHED} `)) return undefined;
  const what = /^Dispatched (\S+)/.exec(description)?.[1];
  if (what === undefined) return undefined;
  const run = / \(run (\d{1,19})\)$/.exec(description)?.[1];
  return run === undefined ? { what } : { what, runId: Number(run) };
}
