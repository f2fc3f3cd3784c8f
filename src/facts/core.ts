// Facts every feature may need whatever it does: who this app is, the repository's config, a
// person's permission, the commit a name stands for.
import type { AppIdentity } from "../github/identity.js";
import type { LoadedConfig } from "./config.js";
import type { RepoRef } from "../policy/plan.js";

export interface CoreFacts {
  /** This app's bot user: only what it wrote itself (comments, issues, deployments) is its own. */
  self(): Promise<AppIdentity>;
  /** The repository's config from its default branch. */
  config(): Promise<LoadedConfig>;
  /** A person's permission on the repository (`admin`, `maintain`, `write`, ..., `none`). */
  permission(login: string): Promise<string>;
  /** A branch, tag or SHA → the commit SHA; undefined when GitHub does not know it. */
  commitOf(ref: string): Promise<string | undefined>;
  /** The default branch of another repository (a deploy workflow's). */
  defaultBranchOf(repo: RepoRef): Promise<string>;
}
