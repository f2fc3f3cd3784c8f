// Commit statuses as GitHub keeps them: every status posted stays, and what a commit's CI says is
// the newest status of each context. Sources:
// - "Get the combined status for a specific reference" (REST docs; the OpenAPI description of
//   GET /repos/{owner}/{repo}/commits/{ref}/status): the combined `state` is `failure` if any
//   context reports `error` or `failure`, `pending` if there are no statuses or a context is
//   `pending`, `success` if the latest status for all contexts is `success`;
// - "Create a commit status" (OpenAPI, POST /repos/{owner}/{repo}/statuses/{sha}): `context`
//   defaults to `default` and "is case-insensitive", so `CI/Jenkins` and `ci/jenkins` are one
//   context; at most 1000 statuses per sha and context, then a validation error whose body is
//   recorded in screwdriver-cd/screwdriver#387;
// - "Create a deployment" (OpenAPI, POST /repos/{owner}/{repo}/deployments): "By default, commit
//   statuses for every submitted context must be in a success state"; the 409 body as recorded in
//   drevops/vortex#1903 (one error listing every verified context with its state, the message
//   naming the ref as given). GitHub verifies check runs there as well (that recording lists a
//   CodeRabbit check and Actions jobs among the contexts), which this emulator kept already.
import { HttpError } from "./http.js";
import type { CommitStatus, Repo } from "./store.js";

/** GitHub's cap on statuses per sha and context. */
export const MAX_STATUSES_PER_CONTEXT = 1000;

const sameContext = (a: string, b: string): boolean => a.toLowerCase() === b.toLowerCase();

/** Every status on the commit, newest first, as GET commits/{ref}/statuses lists them. */
export function statusesOf(repo: Repo, sha: string): CommitStatus[] {
  return repo.commitStatuses.filter((status) => status.sha === sha).sort((a, b) => b.id - a.id);
}

/** The newest status of each context on the commit, oldest context first (GitHub's example order). */
export function latestStatuses(repo: Repo, sha: string): CommitStatus[] {
  const newest: CommitStatus[] = [];
  for (const status of statusesOf(repo, sha)) {
    if (!newest.some((seen) => sameContext(seen.context, status.context))) newest.push(status);
  }
  return newest.reverse();
}

/** The combined state of the newest status of each context, by GitHub's documented rule. */
export function combinedState(latest: readonly Pick<CommitStatus, "state">[]): "failure" | "pending" | "success" {
  if (latest.some((status) => status.state === "error" || status.state === "failure")) return "failure";
  if (latest.length === 0 || latest.some((status) => status.state === "pending")) return "pending";
  return "success";
}

/** 422 once a sha and context hold GitHub's maximum number of statuses. */
export function checkStatusLimit(repo: Repo, sha: string, context: string): void {
  const count = repo.commitStatuses.filter((status) => status.sha === sha && sameContext(status.context, context)).length;
  if (count >= MAX_STATUSES_PER_CONTEXT) {
    throw new HttpError(422, "Validation Failed", [
      { resource: "Status", code: "custom", message: "This SHA and context has reached the maximum number of statuses." },
    ]);
  }
}

const GREEN_RUN = new Set(["success", "neutral", "skipped"]);

/**
 * What POST deployments verifies before it creates a deployment: the newest status of each
 * context and the newest check run of each name; `required` (required_contexts) narrows that to
 * the names given, which must then each be green, submitted or not. An empty list skips it.
 */
export function checkRequiredContexts(repo: Repo, ref: string, sha: string, required: unknown): void {
  const statuses = latestStatuses(repo, sha).map((status) => ({ context: status.context, state: status.state }));
  const runs = repo.checkRuns
    .filter((run) => run.head_sha === sha)
    .filter((run, _, all) => !all.some((other) => other.name === run.name && other.id > run.id))
    .map((run) => ({ context: run.name, state: run.status !== "completed" ? "pending" : GREEN_RUN.has(run.conclusion ?? "") ? "success" : "failure" }));
  const verified = [...statuses, ...runs];
  const names = Array.isArray(required) ? (required as string[]) : [...new Set(verified.map((entry) => entry.context))];
  const stateOf = (name: string): string => {
    const matching = verified.filter((entry) => sameContext(entry.context, name));
    if (matching.length === 0) return "pending";
    return matching.find((entry) => entry.state !== "success")?.state ?? "success";
  };
  const contexts = names.map((context) => ({ context, state: stateOf(context) }));
  if (contexts.every((entry) => entry.state === "success")) return;
  throw new HttpError(409, `Conflict: Commit status checks failed for ${ref}.`, [
    { contexts, resource: "Deployment", field: "required_contexts", code: "invalid" },
  ]);
}
