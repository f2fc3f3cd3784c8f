// Facts deploy policy decides from: an environment's deployment history, the check runs on a
// commit, locks, and the approvals of a command.
import type { IssueCommentFact } from "../policy/deploy/approval-comments.js";
import type { ApprovalFact, CheckRunFact } from "../policy/deploy/gates.js";
import type { Lock } from "../policy/deploy/lock.js";
import type { DeploymentRecord } from "../policy/deploy/settings.js";

export interface DeployFacts {
  /** This app's deployments of an environment (of one app, when given), newest first. */
  deploymentHistory(environment: string, app?: string): Promise<DeploymentRecord[]>;
  /** The latest check run of each name on a commit. */
  checkRunsOn(sha: string): Promise<CheckRunFact[]>;
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
}
