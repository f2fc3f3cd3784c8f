// What every GitHub-backed fact reads with: the event's installation client and its repository.
import type { GitHub } from "../../github/client.js";
import type { IdentitySource } from "../../github/identity.js";
import type { RepoRef } from "../../policy/plan.js";

export interface GitHubReads {
  readonly octokit: GitHub;
  readonly repo: RepoRef;
  readonly self: IdentitySource;
}
