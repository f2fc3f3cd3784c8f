// Facts deploy policy decides from: an environment's deployment history, the check runs and
// commit statuses on a commit, locks, the approvals of a command, and this app's deployments read back one by one.
import type { CheckRunSeen } from "../policy/deploy/after-checks.js";
import type { IssueCommentFact } from "../policy/deploy/approval-comments.js";
import type { CommitStatusFact } from "../policy/deploy/commit-statuses.js";
import type { ApprovalFact, CheckRunFact } from "../policy/deploy/gates.js";
import type { Lock } from "../policy/deploy/lock.js";
import type { QueuedDeployment } from "../policy/deploy/queue.js";
import type { DeploymentRecord } from "../policy/deploy/settings.js";
import type { DeploymentCandidate } from "../policy/deploy/workflow-outcome.js";

/** One of this app's deployments as GitHub keeps it, with its newest status (none: never started). */
export interface DeploymentFact extends DeploymentCandidate {
  /** ISO time the newest status was written. */
  readonly latestAt: string | undefined;
}

import type { PeopleFacts } from "./people.js";

export interface DeployFacts extends PeopleFacts {
  /** This app's deployments of an environment (of one app, when given), newest first. */
  deploymentHistory(environment: string, app?: string): Promise<DeploymentRecord[]>;
  /** The latest check run of each name on a commit. */
  checkRunsOn(sha: string): Promise<CheckRunFact[]>;
  /** Every check run on a commit reduced to the newest of each name, with the app that made it. */
  checkRunsSeen(sha: string): Promise<CheckRunSeen[]>;
  /** The latest commit status of each context on a commit (the combined status), for CI that reports statuses rather than check runs. */
  commitStatuses(sha: string): Promise<CommitStatusFact[]>;
  /** This app's GitHub App id; undefined when it runs with a plain token (a GitHub Actions step). */
  ownAppId(): Promise<number | undefined>;
  /** A branch's head commit; undefined when the branch is gone. */
  branchHead(branch: string): Promise<string | undefined>;
  /** Whether this app made any deployment of the commit to the environment (of the app, when given). */
  hasDeployed(environment: string, sha: string, app?: string): Promise<boolean>;
  /** The lock on the environment (a person's /lock) or else on the app within it (a running deploy). */
  currentLock(environment: string, app?: string): Promise<Lock | undefined>;
  /** The lock of exactly this scope (`production`, or `production@api` for an app's deploy). */
  lockOfScope(environment: string, app?: string): Promise<Lock | undefined>;
  /** The comments of an issue or pull request, with what says which are this app's. */
  issueComments(issueNumber: number): Promise<IssueCommentFact[]>;
  /** 👍 reactions by people on these comments, each with the person's permission. */
  thumbsUpApprovals(commentIds: readonly number[]): Promise<ApprovalFact[]>;
  /** Each person's standing approving review of a pull request, with the commit it approved. */
  reviewApprovals(pullNumber: number): Promise<ApprovalFact[]>;
  /** The tags under `prefix` with their commits; only the annotated ones `toPeel` picks are peeled. */
  tagsUnder(prefix: string, toPeel: (names: readonly string[]) => readonly string[]): Promise<{ name: string; sha: string }[]>;
  /** The author_association of the pull request whose merge made the commit; undefined when none did. */
  mergedPullAssociation(sha: string): Promise<string | undefined>;
  /** This app's deploys waiting in an environment's queue (of one app, when given): never started. */
  queuedDeployments(environment: string, app?: string): Promise<QueuedDeployment[]>;
  /** This app's deployments, in any environment, created from `since` to `until` (ISO times), newest first. */
  deploymentsCreatedBetween(since: string, until: string): Promise<DeploymentFact[]>;
  /** This app's deployment of an environment made by the plan action with this key. */
  deploymentWithKey(environment: string, key: string): Promise<DeploymentFact | undefined>;
  /** A deployment by its id (one this app set a timer for). */
  deploymentById(id: number): Promise<DeploymentFact | undefined>;
}
