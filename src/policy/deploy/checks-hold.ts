// A push webhook reaches the bot before CI has run on the pushed commit, so the deploy of an
// environment that follows the branch and requires checks would always be refused at the push.
// When the required checks are all that stands in the way, the deploy is held instead: a check
// run on the commit says what it waits for, and its external_id (which GitHub keeps and lists)
// carries who pushed, so that check_run.completed can deploy it later as that person
// (see after-checks.ts). Every other refusal stays what it was.

import { nothing, type CheckRun, type Plan } from "../plan.js";
import { deployCheckName, holdPrefixes, HOLD_PREFIX } from "./automatic-refusal.js";
import { checkNamed } from "./commit-statuses.js";
import { deployKey, type DeployTrigger } from "./deploy-key.js";
import { evaluateGates, type CheckRunFact, type GateFacts } from "./gates.js";
import { planDeploy, type DeployFacts } from "./plan-deploy.js";
import { short } from "./settings.js";
import { inertText, mention } from "../markdown/inert.js";

/** The trigger of a deploy a push started: the same for the push and for the checks it waited on. */
export function pushTrigger(sha: string): DeployTrigger {
  return { kind: "push", sha };
}

/** Held while checks are still running (`waiting`), or after one of them failed (`failed`); a window's hold is window-hold.ts's. */
export type HoldState = Exclude<keyof typeof HOLD_PREFIX, "window">;

export interface HoldRef {
  readonly env: string;
  readonly app?: string;
  readonly sha: string;
  /** Who pushed: the deploy goes ahead as them, never as the CI that finished the check. */
  readonly pusher: string;
}

/**
 * The held check run's external_id (also its idempotency key). The pusher comes last: logins
 * never hold a colon, and environment names cannot either (config schema).
 */
export function holdKey(state: HoldState, ref: HoldRef): string {
  return `${HOLD_PREFIX[state]}:${ref.env}:${ref.app ?? ""}:${ref.sha}:${ref.pusher}`;
}

/** The hold an external_id records for this deploy, if it records one. */
export function readHold(
  externalId: string | null | undefined,
  at: Omit<HoldRef, "pusher">,
): { readonly state: HoldState; readonly pusher: string } | undefined {
  if (externalId === null || externalId === undefined) return undefined;
  for (const state of ["waiting", "failed"] as const) {
    const prefix = `${HOLD_PREFIX[state]}:${at.env}:${at.app ?? ""}:${at.sha}:`;
    if (!externalId.startsWith(prefix)) continue;
    const pusher = externalId.slice(prefix.length);
    return /^[A-Za-z0-9-]+(\[bot\])?$/.test(pusher) ? { state, pusher } : undefined;
  }
  return undefined;
}

/** Required checks that have not finished on the commit (not started counts: CI may not have begun). */
export function pendingChecks(checks: readonly string[], runs: readonly CheckRunFact[]): string[] {
  return checks.filter((name) => {
    // The latest run of a name comes first, then the commit status of that context, as the gates read them.
    const run = checkNamed(runs, name);
    return run === undefined || run.status !== "completed";
  });
}

function assumingPassed(facts: GateFacts, names: readonly string[]): readonly CheckRunFact[] {
  // Put first as check runs, so they shadow the real runs and statuses of the same names.
  return [...names.map((name) => ({ name, status: "completed", conclusion: "success" })), ...facts.checkRuns];
}

/**
 * The deploy a push starts, decided: as planDeploy decides when no required check is in the way;
 * held (a check run carrying the pusher) when only the required checks are, still running or
 * failed; refused otherwise, naming what besides the checks is in the way. `cause` names the push
 * in the check run's sentence.
 */
export function planPushDeploy(facts: DeployFacts, cause: string): Plan {
  const key = deployKey({ env: facts.env.name, ...(facts.app === undefined ? {} : { app: facts.app }), sha: facts.target.sha, trigger: facts.trigger });
  // The lock this same deploy took (a redelivered push, a retried job) is not another deploy in
  // the way: re-planning finds each of its effects done.
  const own: DeployFacts = facts.lock?.deploymentKey === key ? withoutLock(facts) : facts;
  const pending = pendingChecks(own.env.checks, own.checkRuns);
  // Another deploy running is weighed when the deploy is planned (refused, or queued), not here:
  // a hold is about the checks, and the lock is read again when they pass.
  const gates = own.lock?.deploymentKey === undefined ? own : withoutLock(own);
  const besidesChecks = evaluateGates({ ...gates, checkRuns: assumingPassed(own, own.env.checks) });
  if (besidesChecks.kind === "refuse") {
    // Neither a hold nor planDeploy's answer, which would name a check still running.
    return nothing(besidesChecks.reason === "locked" ? "locked" : "gate-refused", besidesChecks.message);
  }
  const ifPendingPass = evaluateGates({ ...gates, checkRuns: assumingPassed(own, pending) });
  if (ifPendingPass.kind === "refuse") return failed(own, cause, ifPendingPass.message);
  return pending.length === 0 ? planDeploy(own) : waiting(own, cause, pending);
}

function withoutLock(facts: DeployFacts): DeployFacts {
  const { lock: _held, ...rest } = facts;
  return rest;
}

function holdRef(facts: DeployFacts): HoldRef {
  return { env: facts.env.name, ...(facts.app === undefined ? {} : { app: facts.app }), sha: facts.target.sha, pusher: facts.requester };
}

function list(names: readonly string[]): string {
  return names.length === 1 ? `${names[0]} passes` : `${names.slice(0, -1).join(", ")} and ${names.at(-1)} pass`;
}

function waiting(facts: DeployFacts, cause: string, pending: readonly string[]): Plan {
  const { env, target, requester } = facts;
  const check: CheckRun = {
    kind: "check-run",
    key: holdKey("waiting", holdRef(facts)),
    repo: facts.repo,
    headSha: target.sha,
    name: deployCheckName(env.name, facts.app),
    // In progress: nothing is wrong yet and nothing is finished; the same run turns green, neutral
    // or red when the checks settle (after-checks.ts), as a GitHub Actions job does.
    status: "in_progress",
    continues: holdPrefixes(holdRef(facts)),
    title: `Waiting for checks: ${pending.join(", ")}`,
    summary: `${inertText(cause)} deploys \`${short(target.sha)}\` to ${env.name} for ${mention(requester)} once ${list(pending)}; nobody needs to do anything. If a check fails, this check says so.`,
    annotations: [],
  };
  return { reason: "gate-refused", summary: `Deploy of ${short(target.sha)} to ${env.name} waits for ${pending.join(", ")}.`, actions: [check] };
}

function failed(facts: DeployFacts, cause: string, message: string): Plan {
  const { env, target } = facts;
  const sentence = /[.!?]$/.test(message) ? message : `${message}.`;
  const check: CheckRun = {
    kind: "check-run",
    key: holdKey("failed", holdRef(facts)),
    repo: facts.repo,
    headSha: target.sha,
    name: deployCheckName(env.name, facts.app),
    continues: holdPrefixes(holdRef(facts)),
    conclusion: "failure",
    title: `Not deployed to ${env.name}`,
    summary: `${inertText(cause)} did not deploy to ${env.name}: ${inertText(sentence)} If the check passes when it is run again, the deploy goes ahead then.`,
    annotations: [],
  };
  return { reason: "gate-refused", summary: message, actions: [check] };
}
