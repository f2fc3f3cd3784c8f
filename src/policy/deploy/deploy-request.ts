// One deploy as asked (by a push, a release, a command): its own module so that the decision
// (decide-deploy.ts) and the release lookup (release-of-commit.ts) share it without a circle.
import type { DeployTrigger } from "./deploy-key.js";
import type { EnvironmentConfig } from "../config/index.js";
import type { ReleaseRef } from "./deploy-facts.js";
import type { ApprovalFact } from "./gates.js";

/** What a deploy comes from, for the `{ref}`, `{branch}` and `{pr}` tokens. */
export interface DeploySource {
  /** The branch or tag deployed. */
  readonly ref?: string;
  /** The branch it comes from (a pull request's head branch). */
  readonly branch?: string;
  /** The pull request whose head it deploys. */
  readonly pr?: number;
}

export interface DeployRequest {
  readonly env: EnvironmentConfig;
  /** The app, in a repository with several; undefined in a single-app repository. */
  readonly app?: string;
  readonly sha: string;
  readonly version?: string;
  readonly tag?: string;
  /** A rollback's or promotion's image, reused when it has this environment's form. */
  readonly image?: string;
  /** Stable across redeliveries: `comment-<id>`, `release-<id>`, `push-<sha>`. */
  readonly trigger: DeployTrigger;
  readonly requester: string;
  /** The issue or PR whose comment asked; absent for automatic deploys. */
  readonly issueNumber?: number;
  readonly withMigrations: boolean;
  readonly approvals: readonly ApprovalFact[];
  /** For automatic deploys: what started it, in the sentence of a refusal's check run. */
  readonly cause?: string;
  /** This repository's default branch, from the event's payload. */
  readonly defaultBranch: string;
  /** The release that set the deploy off, if one did. */
  readonly release?: ReleaseRef;
  /** Where it comes from (`{ref}`, `{branch}`, `{pr}`); the followed branch or the tag when absent. */
  readonly source?: DeploySource;
  /** Said in the reply beside the deploy, e.g. that a pull request is behind its base. */
  readonly warnings?: readonly string[];
  /** `--dry-run`: answer with what would happen and write nothing else. */
  readonly dryRun?: boolean;
  /** `--force`: past a freeze or outside a window, for someone who may override them. */
  readonly force?: boolean;
}
