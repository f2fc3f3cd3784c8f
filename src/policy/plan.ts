// The plan: what policy decided, as plain data. Policy returns it, the executor carries it out,
// `release-pilot plan` prints it. Every action has an idempotency key that the executor uses to
// find the action's effect on GitHub before acting, so running a plan twice changes nothing.

export interface RepoRef {
  readonly owner: string;
  readonly repo: string;
}

/** A commit that is either known now or produced by an earlier action of the same plan. */
export type CommitRef = string | { readonly fromAction: string };

export interface FileChange {
  readonly path: string;
  /** New content; `null` deletes the file. */
  readonly content: string | null;
}

interface ActionBase {
  /** Stable across redeliveries of the same meaning; marks the effect so it can be found again. */
  readonly key: string;
  readonly repo: RepoRef;
}

export interface OpenPullRequest extends ActionBase {
  readonly kind: "open-pull-request";
  readonly branch: string;
  readonly base: string;
  readonly title: string;
  readonly body: string;
  readonly commitMessage: string;
  readonly files: readonly FileChange[];
  readonly labels: readonly string[];
  /**
   * Look only for an open PR from `branch`: a long-lived branch (a forward port from `release`)
   * gets a new PR after the last one was merged. Otherwise a closed PR also counts as done.
   */
  readonly openOnly?: boolean;
}

export interface CommitFiles extends ActionBase {
  readonly kind: "commit-files";
  readonly branch: string;
  readonly message: string;
  readonly files: readonly FileChange[];
  /** Parent commit; the branch head when absent. Also makes the commit's identity deterministic. */
  readonly parent?: CommitRef;
}

export interface CreateIssue extends ActionBase {
  readonly kind: "create-issue";
  readonly title: string;
  /** The executor appends the hidden marker built from `key`. */
  readonly body: string;
  readonly labels: readonly string[];
}

export interface UpdateIssue extends ActionBase {
  readonly kind: "update-issue";
  readonly number: number;
  readonly title?: string;
  readonly body?: string;
  readonly state?: "open" | "closed";
  /**
   * The body `body` was computed from. GitHub replaces the whole body, so when the issue no
   * longer has this body (a box ticked since it was read) the update is skipped rather than
   * undoing that edit; the edit's own `issues.edited` event brings the fresh body.
   */
  readonly expectedBody?: string;
}

export interface Comment extends ActionBase {
  readonly kind: "comment";
  readonly issueNumber: number;
  readonly body: string;
  /** When true the bot edits its earlier comment with the same key instead of adding one. */
  readonly editable?: boolean;
}

export interface React extends ActionBase {
  readonly kind: "react";
  readonly commentId: number;
  readonly content: "eyes" | "rocket" | "+1" | "-1" | "confused";
}

export interface CreateTag extends ActionBase {
  readonly kind: "create-tag";
  readonly tag: string;
  readonly commit: CommitRef;
  /** Annotated tag message; a lightweight tag when absent. */
  readonly message?: string;
}

export interface MoveTag extends ActionBase {
  readonly kind: "move-tag";
  readonly tag: string;
  readonly commit: CommitRef;
  /** A branch pointer (a `latest` branch) instead of a tag: moved only forward, never forced. */
  readonly ref?: "branch";
}

export interface CreateRelease extends ActionBase {
  readonly kind: "create-release";
  readonly tag: string;
  /** The version released, for reports (the Action's `version` output); GitHub knows only the tag. */
  readonly version?: string;
  readonly name: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly target?: CommitRef;
  /** False keeps GitHub from showing it as the latest release (a patch of an older line); absent is GitHub's default, true. */
  readonly makeLatest?: boolean;
  /**
   * The handler listed the newest releases in this same run and none had this tag, so the
   * executor need not list them again. A redelivery or a retried job gathers anew and finds the
   * release made before, so this never makes a second one.
   */
  readonly knownAbsent?: boolean;
}

export interface UpdateRelease extends ActionBase {
  readonly kind: "update-release";
  readonly releaseId: number;
  readonly tag?: string;
  readonly name?: string;
  readonly body?: string;
}

export interface DispatchWorkflow extends ActionBase {
  readonly kind: "dispatch-workflow";
  readonly workflow: string;
  readonly ref: string;
  readonly inputs: Readonly<Record<string, string>>;
  /** Deployment created earlier in the plan; its id is passed as the `deployment_id` input. */
  readonly deploymentKey?: string;
}

export interface DispatchRepositoryEvent extends ActionBase {
  readonly kind: "dispatch-repository-event";
  readonly eventType: string;
  readonly clientPayload: Readonly<Record<string, string>>;
  readonly deploymentKey?: string;
}

export interface CreateDeployment extends ActionBase {
  readonly kind: "create-deployment";
  readonly environment: string;
  readonly ref: string;
  readonly description: string;
  readonly payload: Readonly<Record<string, string | number | boolean>>;
}

export interface SetDeploymentStatus extends ActionBase {
  readonly kind: "set-deployment-status";
  readonly deploymentId: number;
  readonly state: "queued" | "in_progress" | "success" | "failure" | "error" | "inactive";
  readonly description: string;
  readonly environmentUrl?: string;
  /** Where the deploy's logs are, e.g. a workflow run; shown on the deployment and in outcomes. */
  readonly logUrl?: string;
}

export interface AcquireLock extends ActionBase {
  readonly kind: "acquire-lock";
  readonly environment: string;
  readonly holder: string;
  readonly reason: string;
  /** ISO time; the lock is treated as free after it. */
  readonly expiresAt: string;
  /** The time policy decided at; an existing lock that expired before it may be taken over. */
  readonly now: string;
  readonly commit: string;
  /**
   * The deploy that holds this lock, exactly when a deploy takes it; absent for a person's /lock.
   * Written into the lock message as who holds it (src/policy/deploy/lock-message.ts).
   */
  readonly deploymentKey?: string;
}

export interface ReleaseLock extends ActionBase {
  readonly kind: "release-lock";
  readonly environment: string;
  /** Only the lock taken by this acquire key is freed; `/unlock` leaves it out to free any. */
  readonly holderKey?: string;
}

interface CheckRunBase extends ActionBase {
  readonly kind: "check-run";
  readonly headSha: string;
  readonly name: string;
  /**
   * external_id prefixes of earlier runs of this name on the commit that this one continues: the
   * newest run, when its external_id starts with one of them, is updated in place (one run on
   * GitHub that goes from in progress to done, as GitHub Actions shows a job) instead of a second
   * run being added. The key itself always counts.
   */
  readonly continues?: readonly string[];
  readonly title: string;
  readonly summary: string;
  readonly annotations: readonly {
    readonly path: string;
    readonly line: number;
    readonly level: "failure" | "warning" | "notice";
    readonly message: string;
  }[];
}

/** A check run still going (a yellow dot, no conclusion yet), or finished with its conclusion. */
export type CheckRun = CheckRunBase &
  (
    | { readonly status: "in_progress"; readonly conclusion?: undefined }
    | { readonly status?: "completed"; readonly conclusion: "success" | "failure" | "neutral" }
  );

export type Action =
  | OpenPullRequest
  | CommitFiles
  | CreateIssue
  | UpdateIssue
  | Comment
  | React
  | CreateTag
  | MoveTag
  | CreateRelease
  | UpdateRelease
  | DispatchWorkflow
  | DispatchRepositoryEvent
  | CreateDeployment
  | SetDeploymentStatus
  | AcquireLock
  | ReleaseLock
  | CheckRun;

export type ActionKind = Action["kind"];

/**
 * Why a run ended the way it did: a closed list, so a person and a test can both tell why
 * nothing happened.
 */
export type Reason =
  | "planned"
  | "not-configured"
  | "config-invalid"
  | "event-not-relevant"
  | "not-permitted"
  | "bad-command"
  | "gate-refused"
  | "already-done"
  | "locked";

export interface Plan {
  readonly reason: Reason;
  /** One sentence a person can read: what will happen, or why nothing will. */
  readonly summary: string;
  readonly actions: readonly Action[];
}

export function plan(summary: string, actions: readonly Action[]): Plan {
  return { reason: "planned", summary, actions };
}

export function nothing(reason: Exclude<Reason, "planned">, summary: string): Plan {
  return { reason, summary, actions: [] };
}
