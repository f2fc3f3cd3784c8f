// Facts of what is deployed where, what is released and what is not, the open checklists and the
// Release Dashboard (for /status and the dashboard), and of config changes (the config check).
// Each is one bounded read, so an answer costs a known number of calls.
import type { DeployedVersion } from "../policy/status/index.js";
import type { WorkflowFileFact } from "../policy/config-check-workflows.js";

/** An environment's newest successful deployment of each app, and a failure newer than it. */
export interface DeployedOn {
  readonly deployed: Readonly<Record<string, DeployedVersion>>;
  /** A failed or errored deployment newer than every success: the failure a person still has to act on. */
  readonly failed: Readonly<Record<string, DeployedVersion>>;
}

export interface ReleaseFact {
  readonly tag: string;
  readonly url: string;
  readonly draft: boolean;
  /** ISO time; null for a draft. */
  readonly publishedAt: string | null;
}

export interface ClosedPullFact {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly labels: readonly string[];
  /** ISO time; null for a pull request closed without merging. */
  readonly mergedAt: string | null;
}

export interface OpenIssueFact {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly body: string;
  /** Written by this app's bot user (identity.ts): a marker anyone else typed proves nothing. */
  readonly byThisApp: boolean;
}

export interface PullFileFact {
  readonly filename: string;
  /** GitHub's file status: `added`, `modified`, `removed`, `renamed`, ... */
  readonly status: string;
}

/** How many closed pull requests and releases are read: one page each. */
export const STATUS_PAGE = 100;

export interface StatusFacts {
  /** What this app deployed on an environment: for each app, the newest success and a newer failure. */
  deployedOn(environment: string, apps: readonly string[]): Promise<DeployedOn>;
  /** The newest page of releases, drafts included. */
  releasePage(): Promise<ReleaseFact[]>;
  /** The newest-updated page of closed pull requests, and whether the page was full (more exist). */
  closedPullPage(): Promise<{ readonly pulls: ClosedPullFact[]; readonly full: boolean }>;
  /** Open issues (not pull requests) carrying every one of the checklist labels. */
  openChecklistIssues(labels: readonly string[]): Promise<OpenIssueFact[]>;
  /** Open issues (not pull requests) carrying the dashboard's labels, whoever wrote them. */
  openDashboardIssues(labels: readonly string[]): Promise<OpenIssueFact[]>;
  /** The files a pull request changes, with how. */
  pullRequestFiles(pullNumber: number): Promise<PullFileFact[]>;
  /** `.github/release-pilot.yml` at a commit; undefined when it is not a file there. */
  configTextAt(sha: string): Promise<string | undefined>;
  /** `.github/workflows/<file>` at a commit; undefined when the facts do not say (offline). */
  workflowFileAt(file: string, sha: string): Promise<WorkflowFileFact | undefined>;
  /** Any file at a commit (a version file the config names); undefined when the facts do not say (offline). */
  repoFileAt(path: string, sha: string): Promise<WorkflowFileFact | undefined>;
}
