// What every GitHub-backed fact reads with: the event's installation client and its repository,
// and the client of another repository's installation for the few reads made there.
import type { GitHub } from "../../github/client.js";
import type { IdentitySource } from "../../github/identity.js";
import type { OctokitFor } from "../../github/installations.js";
import type { RepoRef } from "../../policy/plan.js";

export interface GitHubReads {
  readonly octokit: GitHub;
  readonly repo: RepoRef;
  readonly self: IdentitySource;
  /** Another repository's client (src/github/installations.ts); `octokit` for every repository when absent. */
  readonly octokitFor?: OctokitFor | undefined;
}

/** The client that may read `repo`. */
export function readerOf(reads: GitHubReads): OctokitFor {
  return reads.octokitFor ?? (() => Promise.resolve(reads.octokit));
}
