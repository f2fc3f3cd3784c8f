// What planDeploy decides one deploy from, and what a queued deploy keeps of it: its own module so
// the queue and the first deploy share the shape without importing each other.
import type { DeployTrigger } from "./deploy-key.js";
import type { RepoRef } from "../plan.js";
import type { DispatchFacts } from "./deploy-actions.js";
import type { GateFacts } from "./gates.js";

export interface DeployFacts extends GateFacts {
  /** The repository the deployment is recorded in. */
  readonly repo: RepoRef;
  readonly app?: string;
  /** What asked, stable across redeliveries: `comment-123`, `release-456`, `push-<sha>`. */
  readonly trigger: DeployTrigger;
  /** The issue or pull request whose comment asked, if one did. */
  readonly issueNumber?: number;
  readonly dispatch: DispatchFacts;
  /** How long the deploy's lock lasts if the outcome never arrives to free it; one hour by default. */
  readonly lockMs?: number;
  /**
   * The release this deploy is of, when a release set it off: kept in the deployment's payload so
   * that its success can carry the same release on to the environments that require this one.
   */
  readonly release?: ReleaseRef;
  /** Said in the reply beside the deploy (a pull request behind its base, a forced freeze). */
  readonly warnings?: readonly string[];
}

export interface ReleaseRef {
  readonly id: number;
  readonly tag: string;
  readonly prerelease: boolean;
}
