// check_run.completed and status, for deploys a push held (checks-hold.ts): when a required check
// run finishes, or a required commit status is reported finished (commit-statuses.ts), on a commit that is still the head of the branch an environment follows, the held deploy goes
// ahead, as the person who pushed and with the push's own trigger, so the deploy keeps its key
// and a redelivered event or a second check finishing makes one deployment, never two.

import { nothing, type CheckRun, type Plan, type RepoRef } from "../plan.js";
import { deployCheckName, holdPrefixes } from "./automatic-refusal.js";
import { readHold, type HoldState } from "./checks-hold.js";
import { checkNamed, commitChecks, isCheckNamed, type CommitStatusFact } from "./commit-statuses.js";
import { short } from "./settings.js";
import { inertText, mention } from "../markdown/inert.js";

/** One environment (and app, in a repository with several) that follows a branch. */
export interface FollowingTarget {
  readonly env: string;
  readonly app?: string;
  readonly branch: string;
  /** Every check the environment requires, its migrations check included. */
  readonly checks: readonly string[];
}

/** A check run on the commit as listed with `filter=latest`: the newest of each name. */
export interface CheckRunSeen {
  readonly name: string;
  readonly status: string;
  readonly conclusion: string | null;
  readonly externalId: string | null;
  /** The GitHub App that made it. */
  readonly appId?: number;
}

export interface HeldDeploy extends FollowingTarget {
  readonly sha: string;
  readonly state: HoldState;
  readonly pusher: string;
}

/** The targets whose checks include the one that finished (a check run, or a status context): the only ones it can release. */
export function targetsOfCheck(targets: readonly FollowingTarget[], check: string, source?: "status"): FollowingTarget[] {
  return targets.filter((target) => target.checks.some((configured) => isCheckNamed({ name: check, ...(source === undefined ? {} : { source }) }, configured)));
}

/**
 * The deploys of `sha` a push held and nothing has settled since: the newest run of the deploy's
 * check is still the hold. Only runs this app made count (when its id is known), so another app
 * or a workflow cannot name a pusher of its choosing.
 */
export function heldDeploys(targets: readonly FollowingTarget[], sha: string, runs: readonly CheckRunSeen[], ownAppId?: number): HeldDeploy[] {
  const held: HeldDeploy[] = [];
  for (const target of targets) {
    const run = runs.find((candidate) => candidate.name === deployCheckName(target.env, target.app));
    if (run === undefined || (ownAppId !== undefined && run.appId !== ownAppId)) continue;
    const hold = readHold(run.externalId, { env: target.env, ...(target.app === undefined ? {} : { app: target.app }), sha });
    if (hold !== undefined) held.push({ ...target, sha, ...hold });
  }
  return held;
}

export interface HeldFacts {
  readonly repo: RepoRef;
  readonly held: HeldDeploy;
  /** The branch's head now; undefined when the branch is gone. */
  readonly head: string | undefined;
  /** A deployment of this commit to the environment (of this app) already exists, by any trigger. */
  readonly deployed: boolean;
  readonly runs: readonly CheckRunSeen[];
  /** The latest commit status of each context on the commit. */
  readonly statuses: readonly CommitStatusFact[];
}

export type HeldDecision =
  /** Try the deploy now: its gates decide, and hold it again or report a failed check. */
  | { readonly kind: "deploy" }
  | { readonly kind: "wait"; readonly pending: readonly string[] }
  /** Nothing to deploy; the plan settles the hold so it stops reading as waiting. */
  | { readonly kind: "settle"; readonly plan: Plan };

export function decideHeld(facts: HeldFacts): HeldDecision {
  const { held } = facts;
  if (facts.head !== held.sha) return { kind: "settle", plan: superseded(facts) };
  if (facts.deployed) return { kind: "settle", plan: alreadyDeployed(facts) };
  const checks = commitChecks(facts.runs, facts.statuses);
  const latest = (name: string) => checkNamed(checks, name);
  const pending = held.checks.filter((name) => latest(name)?.status !== "completed");
  const anyFailed = held.checks.some((name) => {
    const run = latest(name);
    return run?.status === "completed" && run.conclusion !== "success";
  });
  // A failure is reported at once, without waiting for the other checks.
  if (pending.length > 0 && !anyFailed) return { kind: "wait", pending };
  return { kind: "deploy" };
}

function settleCheck(facts: Pick<HeldFacts, "repo" | "held">, key: string, conclusion: "success" | "neutral", title: string, summary: string): CheckRun {
  const { held } = facts;
  return {
    kind: "check-run",
    key: `${key}:${held.env}:${held.app ?? ""}:${held.sha}`,
    repo: facts.repo,
    headSha: held.sha,
    name: deployCheckName(held.env, held.app),
    // The held run itself completes (the hold was in progress, or failed and is now retried).
    continues: holdPrefixes(held),
    conclusion,
    title,
    summary,
    annotations: [],
  };
}

function superseded(facts: HeldFacts): Plan {
  const { held, head } = facts;
  const branch = inertText(held.branch);
  const now = head === undefined ? `${branch} no longer exists` : `${branch} is now at \`${short(head)}\``;
  const summary = `\`${short(held.sha)}\` is no longer the head of ${branch} (${now}), so it is not deployed to ${held.env}; a push deploys the branch's newest commit.`;
  const check = settleCheck(facts, "deploy-superseded", "neutral", `Not deployed: ${held.branch} moved on`, summary);
  return { reason: "event-not-relevant", summary, actions: [check] };
}

function alreadyDeployed(facts: HeldFacts): Plan {
  const { held } = facts;
  const summary = `A deployment of \`${short(held.sha)}\` to ${held.env} exists already; the held deploy has nothing left to do.`;
  return { reason: "already-done", summary, actions: [settleCheck(facts, "deploy-started", "success", `Already deployed to ${held.env}`, summary)] };
}

/**
 * Settles the hold once the deploy is recorded: started (dispatched), or queued behind another
 * deploy to the same environment. The deployment's statuses tell the rest.
 */
export function planHeldDeployStarted(facts: Pick<HeldFacts, "repo" | "held">, started: "dispatched" | "queued"): Plan {
  const { held } = facts;
  const passed = `${held.checks.join(", ")} passed on \`${short(held.sha)}\``;
  if (started === "queued") {
    const summary = `${passed}; its deploy to ${held.env} for ${mention(held.pusher)} waits for the deploy running there and starts when that one finishes.`;
    return { reason: "planned", summary, actions: [settleCheck(facts, "deploy-queued", "neutral", `Queued for ${held.env}`, summary)] };
  }
  const summary = `${passed}; deploying it to ${held.env} for ${mention(held.pusher)}. The deployment's status says how it ends.`;
  // The same key as when a deployment was found made: the hold is settled by one run at most.
  return { reason: "planned", summary, actions: [settleCheck(facts, "deploy-started", "success", `Deploying to ${held.env}`, summary)] };
}

/** A held deploy that still waits: nothing changes until its pending checks finish. */
export function heldWaitPlan(held: Pick<HeldDeploy, "env" | "sha">, pending: readonly string[]): Plan {
  return nothing("gate-refused", `The deploy of ${short(held.sha)} to ${held.env} still waits for ${pending.join(", ")}; nothing changes until they finish.`);
}

/**
 * GitHub sends `status` for every commit status, pending ones included ("Webhook events and
 * payloads", status); a pending one changes nothing a held deploy waits on, so only a finished
 * one is looked at. Returns the plan for a status not worth looking at, or undefined.
 */
export function pendingStatusPlan(status: { readonly context: string; readonly state: string }): Plan | undefined {
  if (status.state !== "pending") return undefined;
  return nothing("event-not-relevant", `The ${status.context} status is pending; a held deploy waits until it finishes.`);
}
