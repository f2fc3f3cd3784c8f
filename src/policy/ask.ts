// A decision that cannot know up front everything it decides from asks for it as data: it yields
// a question (a fact to read, a plan to carry out and see the outcome of, a line to log) and is
// resumed with the answer. So one function is the whole decision of a command (/rollback reads
// the history, picks the version, reads the approvals and gates, acts, and answers a lost lock
// race) while policy stays pure: the questions are answered by src/features/decision.ts from the
// FactSource and the Executor, GitHub's or a facts file's and the recorder.
import type { IssueCommentFact } from "./deploy/approval-comments.js";
import type { CommitStatusFact } from "./deploy/commit-statuses.js";
import type { ApprovalFact, CheckRunFact } from "./deploy/gates.js";
import type { Lock } from "./deploy/lock.js";
import type { QueuedDeployment } from "./deploy/queue.js";
import type { DeploymentRecord } from "./deploy/settings.js";
import type { PullHeadFact } from "./deploy/pull-head.js";
import type { Outcome } from "./effect.js";
import type { Plan, RepoRef } from "./plan.js";

/** Each question a decision may ask, with what it is answered. */
export interface Questions {
  /** This app's deployments of an environment (of one app, when given), newest first. */
  history: { ask: { env: string; app?: string }; answer: DeploymentRecord[] };
  /** The commit a branch, tag or SHA names; undefined when it names none. */
  commit: { ask: { ref: string }; answer: string | undefined };
  /** A repository's default branch. */
  defaultBranch: { ask: { repo: RepoRef }; answer: string };
  /** The comments of an issue or pull request. */
  comments: { ask: { issue: number }; answer: IssueCommentFact[] };
  /** 👍 reactions by people on these comments, with each person's permission. */
  thumbsUp: { ask: { commentIds: readonly number[] }; answer: ApprovalFact[] };
  /** Each person's standing approving review of a pull request. */
  reviews: { ask: { pull: number }; answer: ApprovalFact[] };
  /** The tags under `prefix` with their commits; the annotated ones `toPeel` picks are peeled. */
  tags: { ask: { prefix: string; toPeel: (names: readonly string[]) => readonly string[] }; answer: { name: string; sha: string }[] };
  /** The latest check run of each name on a commit. */
  checkRuns: { ask: { sha: string }; answer: CheckRunFact[] };
  /** The latest commit status of each context on a commit. */
  commitStatuses: { ask: { sha: string }; answer: CommitStatusFact[] };
  /** The lock on the environment, or else on the app within it. */
  currentLock: { ask: { env: string; app?: string }; answer: Lock | undefined };
  /** This app's deploys waiting in an environment's queue (of one app, when given): never started. */
  queued: { ask: { env: string; app?: string }; answer: QueuedDeployment[] };
  /** The lock of exactly this scope. */
  lockOfScope: { ask: { env: string; app?: string }; answer: Lock | undefined };
  /** A pull request's head and how far it is behind its base; undefined when there is none. */
  pull: { ask: { number: number }; answer: PullHeadFact | undefined };
  /** Whether the person is an active member of the team (`org/team-slug`). */
  teamMember: { ask: { team: string; login: string }; answer: boolean };
  /** A person's repository permission (`admin`, `maintain`, `write`, ..., `none`). */
  permission: { ask: { login: string }; answer: string };
  /** Carry the plan out; answered with each action's effect and the failure that stopped it. */
  carryOut: { ask: { plan: Plan }; answer: Outcome };
  /**
   * The failure that stopped a plan has been answered in full (the deployment failed with the
   * reason, the lock freed, the person told): the job ends as done rather than failed, so no
   * second report and no retry follow. Answered with nothing.
   */
  settled: { ask: Record<string, never>; answer: undefined };
  /** Say something in the log; answered with nothing. */
  log: { ask: { message: string; fields: Readonly<Record<string, unknown>> }; answer: undefined };
}

export type QuestionKind = keyof Questions;
export type Question = { [K in QuestionKind]: { readonly kind: K } & Readonly<Questions[K]["ask"]> }[QuestionKind];

/** A decision: yields questions, is resumed with their answers, and returns its result. */
export type Decision<T> = Generator<Question, T, unknown>;

/** Asks one question; `yield* ask(...)` in a decision gives the answer, typed by its kind. */
export function* ask<K extends QuestionKind>(kind: K, question: Readonly<Questions[K]["ask"]>): Generator<Question, Questions[K]["answer"], unknown> {
  return (yield { kind, ...question } as Question) as Questions[K]["answer"];
}

/** Carries a plan out and gives back its outcome. */
export function act(plan: Plan): Generator<Question, Outcome, unknown> {
  return ask("carryOut", { plan });
}
