// What `/status` reports, gathered read-only by src/handlers/status-facts.ts. Everything here is
// already on GitHub (deployments, lock refs, releases, merged PRs, checklist issues).
import type { Lock } from "../deploy/lock.js";

export interface DeployedVersion {
  readonly ref: string;
  readonly sha: string;
  /** The image tag the deploy carried in its payload, when it had one. */
  readonly imageTag?: string;
  /** ISO time of the deployment. */
  readonly at: string;
  /** Who asked for it: the payload's `requested_by`, else the deployment's creator. */
  readonly by: string;
}

export interface EnvironmentStatus {
  readonly name: string;
  readonly url: string | null;
  /**
   * One row per app deployed there; `deployed` is the latest successful deployment, `failed` a
   * failed or errored deployment newer than it (the failure still waiting for a person).
   */
  readonly apps: readonly { readonly app: string; readonly deployed: DeployedVersion | undefined; readonly failed?: DeployedVersion }[];
  readonly lock: Lock | undefined;
  /** Environments whose success this one requires (`requires:`), for the promotion path. */
  readonly requires?: readonly string[];
}

export interface AppStatus {
  readonly name: string;
  readonly lastRelease: { readonly tag: string; readonly publishedAt: string; readonly url: string } | undefined;
  /** PRs merged since the last release (all merged PRs read when there is none). */
  readonly mergedSince: number;
  /** True when the one page read was full, so the count is a lower bound. */
  readonly capped: boolean;
  /** The merged-but-unreleased PRs themselves, newest first (the dashboard folds them). */
  readonly unreleased?: readonly { readonly number: number; readonly title: string; readonly url: string }[];
}

export interface ChecklistStatus {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly done: number;
  readonly total: number;
}

export interface StatusFacts {
  /** `owner/name`. */
  readonly repo: string;
  readonly now: string;
  /** The app asked about (`/status api`); every app when absent. */
  readonly app?: string;
  /** More than one app configured: the tables then name the app of each row. */
  readonly multiApp: boolean;
  readonly environments: readonly EnvironmentStatus[];
  readonly apps: readonly AppStatus[];
  /** Open checklist issues; undefined when the config has no checklist. */
  readonly checklists: readonly ChecklistStatus[] | undefined;
}
