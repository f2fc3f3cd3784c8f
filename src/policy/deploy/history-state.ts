// What a deployment's statuses say about it in its app's history. GitHub's `auto_inactive` adds an
// `inactive` status to the environment's earlier successful deployments when a newer one succeeds
// (the OpenAPI notes on `POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses`: "all
// prior non-transient, non-production environment deployments ... only added to deployments that
// had a `success` state"). GitHub knows environments, not apps: in a monorepo the newer success is
// often another app's, so `inactive` alone says neither that this app's version stopped running
// nor whether it ever worked. What it reached before it was made inactive does.

import type { DeploymentState } from "./settings.js";

const STATES: readonly DeploymentState[] = ["success", "failure", "error", "inactive", "pending", "in_progress", "queued"];

/**
 * A deployment's state for its app's history, from its statuses newest first (one page of
 * GitHub's list): its latest state while that is not `inactive`; `inactive` exactly when it
 * reached `success` and was made inactive after (it succeeded, and for its app it may well be
 * what still runs); the failure or error it ended in when it was made inactive after that; and
 * undefined when it was made inactive before it ever finished (a queued deploy superseded before
 * it started, one cancelled or torn down midway): it never ran as a version, so it is no part of
 * the history. No status at all reads as `pending`: a deploy waiting or not dispatched yet.
 */
export function historyState(newestFirst: readonly { readonly state: string }[]): DeploymentState | undefined {
  const latest = newestFirst[0]?.state;
  if (latest === undefined) return "pending";
  if (latest !== "inactive") return STATES.find((state) => state === latest) ?? "pending";
  const before = newestFirst.find((status) => status.state !== "inactive")?.state;
  if (before === "success") return "inactive";
  if (before === "failure" || before === "error") return before;
  return undefined;
}
