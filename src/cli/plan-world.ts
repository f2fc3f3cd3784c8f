// The reads a handler makes (deployment history, check runs, locks, refs, permissions), answered
// from the facts file instead. Each lookup that falls back to a default says so in `assumed`,
// in the words a person would use to give the fact instead.
import type { ApprovalFact, CheckRunFact } from "../policy/deploy/gates.js";
import { lockScope, type Lock } from "../policy/deploy/lock.js";
import { decideTrust, needsPullAssociation, type Trust, type TrustFacts } from "../policy/deploy/trusted.js";
import type { DeploymentRecord } from "../policy/deploy/settings.js";
import type { AppIdentity } from "../github/identity.js";
import type { PlanInput } from "./plan-input.js";

export type World = Pick<PlanInput<unknown>, "facts" | "assumed" | "now">;

const FULL_SHA = /^[0-9a-f]{40}$/i;
const UNKNOWN_TIME = "1970-01-01T00:00:00Z";

/** Deployments of an environment (of one app, when given), newest first, as deploymentHistory reads them. */
export function historyOf(world: World, env: string, app?: string): DeploymentRecord[] {
  const given = world.facts.deployments?.[env];
  if (given === undefined) {
    world.assumed.add(`deployments.${env}: none`);
    return [];
  }
  // Only this app's deployments are history, as deploymentHistory reads them; who this app is
  // matters only when the facts name a creator.
  const self = given.some((record) => record.creator !== undefined) ? selfOf(world) : undefined;
  const records = given
    .filter((record) => record.creator === undefined || record.creator.toLowerCase() === self?.login.toLowerCase())
    // A deployment without an app belongs to every app, as the handler reads the payload.
    .filter((record) => app === undefined || record.app === undefined || record.app === app)
    .map((record, index, all) => ({
      // Ids only order records made at the same time; the newest listed gets the highest.
      id: record.id ?? all.length - index,
      sha: record.sha,
      ref: record.ref ?? record.sha,
      state: record.state,
      // Unknown: older than the deployment an event is about, so a rollback can still go back to it.
      createdAt: record.createdAt ?? UNKNOWN_TIME,
      ...(record.imageTag === undefined ? {} : { imageTag: record.imageTag }),
    }));
  return records.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
}

/** This app's bot user, as the running app learns it from GET /app. */
export function selfOf(world: World): AppIdentity {
  const given = world.facts.appLogin;
  if (given !== undefined) return { login: given };
  world.assumed.add("appLogin: release-pilot[bot]");
  return { login: "release-pilot[bot]" };
}

/** Check runs on the commit; by default every check asked for, green. */
export function checkRunsFor(world: World, checks: readonly string[]): CheckRunFact[] {
  const given = world.facts.checkRuns;
  if (given !== undefined) return given.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion }));
  world.assumed.add(`checkRuns: ${checks.join(", ")} green on the commit`);
  return checks.map((name) => ({ name, status: "completed", conclusion: "success" }));
}

/** The environment's lock (a person's /lock), else the app's within it (a running deploy), as currentLock reads them. */
export function lockOn(world: World, env: string, app?: string): Lock | undefined {
  const locks = world.facts.locks;
  if (locks === undefined) {
    world.assumed.add(`locks: ${env} is not locked`);
    return undefined;
  }
  for (const scope of app === undefined ? [env] : [env, lockScope(env, app)]) {
    const lock = locks[scope];
    if (lock !== undefined)
      return {
        holder: lock.holder,
        reason: lock.reason,
        expiresAt: lock.expiresAt,
        ...(lock.deploymentKey === undefined ? {} : { deploymentKey: lock.deploymentKey }),
      };
  }
  return undefined;
}

/**
 * The commit a branch, tag or SHA names, as resolveCommit reads it: from `refs` when given (a
 * name missing there names nothing, as GitHub would answer), else the name stands for itself.
 */
export function commitOf(world: World, name: string): string | undefined {
  const refs = world.facts.refs;
  if (refs !== undefined) return refs[name] ?? (FULL_SHA.test(name) ? name : undefined);
  if (!FULL_SHA.test(name)) world.assumed.add(`refs.${name}: not given, so "${name}" stands for its commit`);
  return name;
}

/** A person's repository permission: the facts' `permission`, else `fallback`. */
export function permissionOf(world: World, login: string, fallback: string): string {
  const given = world.facts.permission;
  if (given !== undefined) return given;
  world.assumed.add(`permission: ${login} has ${fallback}`);
  return fallback;
}

/**
 * pushTrust: the pusher's permission and, only when it could matter, the association of the pull
 * request the pushed commit merged, both from the facts.
 */
export function pushTrustOf(world: World, base: Omit<TrustFacts, "permission" | "mergedPullAssociation">): Trust {
  const facts = { ...base, permission: permissionOf(world, base.pusher, "write") };
  if (!needsPullAssociation(facts)) return decideTrust(facts);
  const association = world.facts.mergedPullAssociation;
  if (association === undefined) world.assumed.add("mergedPullAssociation: the pushed commit merged no pull request");
  return decideTrust({ ...facts, ...(association === undefined ? {} : { mergedPullAssociation: association }) });
}

export function approvalsOf(world: World): ApprovalFact[] {
  const given = world.facts.approvals;
  if (given !== undefined)
    return given.map((approval) => ({
      login: approval.login,
      permission: approval.permission,
      at: approval.at,
      ...(approval.review === undefined ? {} : { review: approval.review }),
    }));
  world.assumed.add("approvals: none");
  return [];
}
