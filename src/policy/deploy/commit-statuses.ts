// CI reports on a commit in one of two ways GitHub keeps apart: check runs (GitHub Apps, Actions)
// and commit statuses (the older Statuses API, which Jenkins and many external services use).
// A check an environment requires (`checks: [ci/jenkins]`) is either: a check run of that name or
// a commit status of that context. The gates read both through one list, the check runs first,
// then each status context's latest state as if it were a run:
// - `pending` is a run still going (the deploy waits), `success` a green run, `error` and
//   `failure` a red one (the deploy is refused or its hold fails), as GitHub's combined status
//   counts them ("Get the combined status for a specific reference", REST docs);
// - a status context is compared without case, as GitHub compares it ("This field is
//   case-insensitive", OpenAPI, POST /repos/{owner}/{repo}/statuses/{sha}); a check run's name
//   exactly, as GitHub lists it;
// - when a check run and a status share a name, the check run counts, as it always has.

/** A check run on a commit as the gates read it; a commit status read as one has `source: "status"`. */
export interface CheckRunFact {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  /** Set for a commit status read as a check; a check run has none. */
  readonly source?: "status";
}

/** The latest commit status of one context on a commit, as the combined status lists it. */
export interface CommitStatusFact {
  readonly context: string;
  /** `error`, `failure`, `pending` or `success`. */
  readonly state: string;
}

/** A commit status read as a check: pending is still running, every other state is finished. */
export function statusAsCheck(status: CommitStatusFact): CheckRunFact {
  if (status.state === "pending") return { name: status.context, status: "pending", conclusion: null, source: "status" };
  return { name: status.context, status: "completed", conclusion: status.state, source: "status" };
}

/** A commit's checks as the gates read them: its check runs (latest first), then its statuses. */
export function commitChecks(runs: readonly CheckRunFact[], statuses: readonly CommitStatusFact[]): CheckRunFact[] {
  return [...runs, ...statuses.map(statusAsCheck)];
}

/** Whether a check or status called `name` is the one the config calls `configured`. */
export function isCheckNamed(check: Pick<CheckRunFact, "name" | "source">, configured: string): boolean {
  return check.source === "status" ? check.name.toLowerCase() === configured.toLowerCase() : check.name === configured;
}

/** The check that decides `name`: the latest check run so named, else the status of that context. */
export function checkNamed<T extends Pick<CheckRunFact, "name" | "source">>(checks: readonly T[], name: string): T | undefined {
  return (
    checks.find((check) => check.source !== "status" && check.name === name) ?? checks.find((check) => check.source === "status" && isCheckNamed(check, name))
  );
}

/** How a person calls it in a sentence: a check run is a check, a commit status a status. */
export function checkNoun(check: Pick<CheckRunFact, "source"> | undefined): string {
  return check?.source === "status" ? "status" : "check";
}
