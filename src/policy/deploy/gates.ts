// Whether a deploy may go ahead, as one function of facts, like github/branch-deploy's
// evaluatePrecheckGates: the caller gathers everything, this decides, and even the log lines
// come back as data. Every gate is evaluated so the logs show the whole picture; the refusal
// names the first that failed, in the order a person would fix them: lock, requires, checks,
// approvals.

import { permissionAtLeast } from "../commands/permission.js";
import { approvalsShortfall } from "./approval-comments.js";
import { checkNamed, checkNoun, type CheckRunFact } from "./commit-statuses.js";
import { formatDuration, formatTime, isExpired, type Lock } from "./lock.js";
import { short, type DeployTarget, type EnvironmentSettings } from "./settings.js";

// A check run on the commit, or a commit status read as one: defined with the statuses (commit-statuses.ts).
export type { CheckRunFact } from "./commit-statuses.js";

export interface ApprovalFact {
  readonly login: string;
  /** The approver's repository permission (`admin`, `maintain`, `write`, `push`, ...). */
  readonly permission: string;
  /** ISO time of the approval. */
  readonly at: string;
  /**
   * Set for an approving pull request review: the commit it approved and the pull request's head
   * when it was read. It counts only for a deploy of that commit while it is the head. A 👍 has
   * none: it approves the command it was given to (approval-comments.ts says which).
   */
  readonly review?: { readonly commit: string; readonly head: string };
}

export interface GateFacts {
  readonly env: EnvironmentSettings;
  readonly target: DeployTarget;
  /** Successful deployments per environment. */
  readonly succeededOn: Readonly<Record<string, readonly DeployTarget[]>>;
  /**
   * Check runs on the target commit, latest first (GitHub's `filter=latest` order), then its
   * commit statuses read as checks (commitChecks in commit-statuses.ts).
   */
  readonly checkRuns: readonly CheckRunFact[];
  readonly withMigrations: boolean;
  readonly approvals: readonly ApprovalFact[];
  /** The lock currently on the environment (or the app in it), if any. */
  readonly lock?: Lock;
  readonly now: string;
  readonly requester: string;
  /**
   * The issue or pull request whose comment asked, if one did: the approvals refusal then says
   * how to approve there; a deploy nobody typed has no comment to 👍.
   */
  readonly issueNumber?: number;
  /** The app, in a repository with several: named in the command a refusal suggests. */
  readonly app?: string;
}

export type GateReason = "requires" | "checks" | "approvals" | "locked" | "migrations";

export type GateDecision =
  | { readonly kind: "proceed"; readonly logs: readonly string[] }
  | { readonly kind: "refuse"; readonly reason: GateReason; readonly message: string; readonly logs: readonly string[] };

interface GateResult {
  readonly refusal?: { readonly reason: GateReason; readonly message: string };
  readonly logs: readonly string[];
}

export function evaluateGates(facts: GateFacts): GateDecision {
  const results = [lockGate(facts), requiresGate(facts), checksGate(facts), approvalsGate(facts)];
  const logs = results.flatMap((result) => result.logs);
  const refused = results.find((result) => result.refusal !== undefined)?.refusal;
  return refused === undefined ? { kind: "proceed", logs } : { kind: "refuse", ...refused, logs };
}

function sameLogin(a: string, b: string): boolean {
  // GitHub logins are case-insensitive.
  return a.toLowerCase() === b.toLowerCase();
}

function lockGate({ env, lock, now, requester }: GateFacts): GateResult {
  if (lock === undefined) return { logs: [`${env.name} is not locked`] };
  if (isExpired(lock, now)) return { logs: [`the lock on ${env.name} by ${lock.holder} expired at ${lock.expiresAt}`] };
  if (sameLogin(lock.holder, requester) && lock.deploymentKey === undefined) {
    return { logs: [`${env.name} is locked by ${requester}, who is the one deploying`] };
  }
  // Without a queue, deploys may overlap: only a person's /lock holds the environment.
  if (!env.queue && lock.deploymentKey !== undefined) {
    return { logs: [`another deploy to ${env.name} is running; ${env.name} does not queue deploys, so this one goes ahead`] };
  }
  const why = lock.reason === "" ? "" : ` (${lock.reason})`;
  const free = lock.deploymentKey === undefined ? `/unlock ${env.name}` : "that deploy to finish";
  return {
    refusal: {
      reason: "locked",
      message: `${env.name} is locked by ${lock.holder}${why} until ${formatTime(lock.expiresAt)}; wait for ${free} and try again.`,
    },
    logs: [`${env.name} is locked by ${lock.holder} until ${lock.expiresAt}`],
  };
}

function requiresGate({ env, target, succeededOn }: GateFacts): GateResult {
  const logs: string[] = [];
  for (const required of env.requires) {
    const successes = succeededOn[required] ?? [];
    // An image is what actually runs, so when both sides know the image the image decides.
    const match = successes.find((done) =>
      target.imageTag !== undefined && done.imageTag !== undefined ? done.imageTag === target.imageTag : done.sha === target.sha,
    );
    const what = target.imageTag === undefined ? short(target.sha) : `image ${target.imageTag}`;
    if (match === undefined) {
      return {
        refusal: {
          reason: "requires",
          message: `${env.name} only takes what succeeded on ${required}, and ${what} has not; deploy it there first (/deploy ${required} ${short(target.sha)}) or promote what did (/promote ${required} ${env.name}).`,
        },
        logs: [...logs, `${what} has not succeeded on ${required}`],
      };
    }
    logs.push(`${what} succeeded on ${required}`);
  }
  return { logs };
}

function isMigrationCheck(name: string): boolean {
  return /migration/i.test(name);
}

function checksGate({ env, target, checkRuns, withMigrations }: GateFacts): GateResult {
  const logs: string[] = [];
  const sha = short(target.sha);
  for (const name of env.checks) {
    // GitHub lists the latest run of each name first; a rerun replaces the earlier verdict. A
    // commit status of that context counts when no check run has the name.
    const run = checkNamed(checkRuns, name);
    if (run === undefined) {
      return refuseCheck(logs, `the ${name} check has not run on ${sha}; run it, then deploy again.`, `${name}: missing`);
    }
    const noun = checkNoun(run);
    if (run.status !== "completed") {
      return refuseCheck(
        logs,
        `the ${name} ${noun} is still ${run.status.replace(/_/g, " ")} on ${sha}; deploy again when it has passed.`,
        `${name}: ${run.status}`,
      );
    }
    if (run.conclusion === "success") {
      logs.push(`${name}: success`);
      continue;
    }
    if (isMigrationCheck(name)) {
      if (withMigrations) {
        logs.push(`${name}: ${run.conclusion ?? "no conclusion"}; the deploy will run the pending migrations`);
        continue;
      }
      return {
        refusal: {
          reason: "migrations",
          message: `the ${name} ${noun} on ${sha} reports pending migrations; deploy with them using /deploy ${env.name} ${sha} --with-migrations`,
        },
        logs: [...logs, `${name}: ${run.conclusion ?? "no conclusion"}`],
      };
    }
    return refuseCheck(
      logs,
      `the ${name} ${noun} ended ${run.conclusion ?? "without a conclusion"} on ${sha}; fix it and deploy a commit where it passes.`,
      `${name}: ${run.conclusion ?? "no conclusion"}`,
    );
  }
  return { logs };
}

function refuseCheck(logs: readonly string[], message: string, log: string): GateResult {
  return { refusal: { reason: "checks", message }, logs: [...logs, log] };
}

function approvalsGate(facts: GateFacts): GateResult {
  const { env, approvals, now, requester } = facts;
  if (env.approvals <= 0) return { logs: ["no approvals required"] };
  const at = Date.parse(now);
  const approvers = new Map<string, string>();
  const logs: string[] = [];
  const otherCommits: string[] = [];
  for (const approval of approvals) {
    if (sameLogin(approval.login, requester)) continue;
    if (approval.review !== undefined && !reviewApproves(approval.review, facts.target.sha)) {
      const stale = approval.review.commit === approval.review.head ? "" : `, no longer the head (${short(approval.review.head)})`;
      otherCommits.push(`${approval.login}'s is of ${short(approval.review.commit)}${stale}`);
      logs.push(
        `${approval.login}'s approving review is of ${short(approval.review.commit)} (the pull request's head is ${short(approval.review.head)}); it counts only for a deploy of the head it reviewed, not ${short(facts.target.sha)}`,
      );
      continue;
    }
    if (!permissionAtLeast(approval.permission, "write")) continue;
    const when = Date.parse(approval.at);
    if (Number.isNaN(when)) continue;
    if (env.approvalsWithinMs !== undefined && at - when > env.approvalsWithinMs) continue;
    if (!approvers.has(approval.login.toLowerCase())) approvers.set(approval.login.toLowerCase(), approval.login);
  }
  const names = [...approvers.values()];
  const counted = `${names.length} of ${env.approvals} approvals${names.length === 0 ? "" : ` (${names.join(", ")})`}`;
  if (names.length >= env.approvals) return { logs: [...logs, counted] };
  const window = env.approvalsWithinMs === undefined ? "" : ` in the last ${formatDuration(env.approvalsWithinMs)}`;
  const has = `${names.length}${names.length === 0 ? "" : ` (${names.join(", ")})`}`;
  return {
    refusal: {
      reason: "approvals",
      message: `${approvalsShortfall(env.name, env.approvals)} other than ${requester}${window} and has ${has}; ${howToApprove(facts, env.approvals - names.length)}${reviewsNote(otherCommits, facts.target.sha)}`,
    },
    logs: [...logs, counted],
  };
}

/** Why approving reviews someone can see on the pull request did not count. */
function reviewsNote(otherCommits: readonly string[], sha: string): string {
  if (otherCommits.length === 0) return "";
  return ` Approving reviews count only for a deploy of the commit they approved while it is the pull request's head, and this one is of ${short(sha)}: ${otherCommits.join(", ")}.`;
}

/** A review approves the deploy of the commit it reviewed, and only while that is the pull request's head. */
function reviewApproves(review: NonNullable<ApprovalFact["review"]>, sha: string): boolean {
  return review.commit === sha && review.head === sha;
}

/**
 * What to do, and only what works: GitHub sends no webhook for a 👍, so it is read when the
 * command is typed again, which then counts the 👍 on this refusal and on the refused command.
 */
function howToApprove({ env, target, issueNumber, app }: GateFacts, missing: number): string {
  const who = missing === 1 ? "one more maintainer" : `${missing} more maintainers`;
  if (issueNumber !== undefined) return `ask ${who} to 👍 this comment, then type the same command again here.`;
  const command = ["/deploy", env.name, short(target.sha), app].filter((part) => part !== undefined).join(" ");
  return `a deploy nobody typed has no comment to 👍, so deploy it by hand with ${command} in an issue or pull request.`;
}
