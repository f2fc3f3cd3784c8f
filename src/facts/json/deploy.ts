// DeployFacts answered from the facts file, as the GitHub reads would answer them
// (src/facts/github/deploy-reads.ts); each default leaned on is said in `assumed`.
import { lockScope, type Lock } from "../../policy/deploy/lock.js";
import type { DeploymentRecord } from "../../policy/deploy/settings.js";
import type { CheckRunFact } from "../../policy/deploy/gates.js";
import type { DeployFacts } from "../deploy.js";
import { environmentSettings } from "../../policy/deploy/decide-deploy.js";
import { commitOf, selfOf } from "./core.js";
import type { JsonWorld } from "./world.js";
import { peopleFromJson } from "./people.js";
import { commitStatusesIn, finishedCheckOf } from "./commit-statuses.js";
import {
  branchHeadIn,
  checkRunsSeenIn,
  deploymentByIdIn,
  deploymentsCreatedBetweenIn,
  deploymentWithKeyIn,
  hasDeployedIn,
  queuedOf,
} from "./deployment-records.js";

const UNKNOWN_TIME = "1970-01-01T00:00:00Z";

/** Deployments of an environment (of one app, when given), newest first, as deploymentHistory reads them. */
export function historyOf(world: JsonWorld, env: string, app?: string): DeploymentRecord[] {
  const given = world.facts.deployments?.[env];
  if (given === undefined) {
    world.assumed.add(`deployments.${env}: none`);
    return [];
  }
  // Only this app's deployments are history; who this app is matters only when the facts name a creator.
  const self = given.some((record) => record.creator !== undefined) ? selfOf(world) : undefined;
  const records = given
    .filter((record) => record.creator === undefined || record.creator.toLowerCase() === self?.login.toLowerCase())
    // A deployment without an app belongs to every app, as the GitHub read takes the payload.
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

/**
 * Check runs on the commit; by default every check an environment asks for, green. For a
 * check_run or status event, the runs the held deploy was decided on (checkRunsSeenIn), so both
 * agree; a status event's own context is then left to its status, not assumed a green run.
 */
function checkRunsOf(world: JsonWorld, sha: string): CheckRunFact[] {
  const given = world.facts.checkRuns;
  if (given === undefined && finishedCheckOf(world) !== undefined)
    return checkRunsSeenIn(world, sha).map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion }));
  if (given !== undefined) return given.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion }));
  const config = world.config.kind === "ok" ? world.config.config : undefined;
  const checks = [...new Set(config?.environments.flatMap((env) => environmentSettings(env).checks) ?? [])];
  world.assumed.add(`checkRuns: ${checks.join(", ")} green on the commit`);
  return checks.map((name) => ({ name, status: "completed", conclusion: "success" }));
}

function lockAt(world: JsonWorld, scope: string): Lock | undefined {
  const lock = world.facts.locks?.[scope];
  if (lock === undefined) return undefined;
  return {
    holder: lock.holder,
    reason: lock.reason,
    expiresAt: lock.expiresAt,
    ...(lock.deploymentKey === undefined ? {} : { deploymentKey: lock.deploymentKey }),
    ...(lock.key === undefined ? {} : { key: lock.key }),
  };
}

export function deployFromJson(world: JsonWorld): DeployFacts {
  const approvals = () => {
    const given = world.facts.approvals;
    if (given === undefined) world.assumed.add("approvals: none");
    return given ?? [];
  };
  return {
    deploymentHistory: async (env, app) => historyOf(world, env, app),
    checkRunsOn: async (sha) => checkRunsOf(world, sha),
    checkRunsSeen: async (sha) => checkRunsSeenIn(world, sha),
    commitStatuses: async (sha) => commitStatusesIn(world, sha),
    // Offline the app's id is not known, so a held check made by another app is not told apart.
    ownAppId: async () => undefined,
    branchHead: async (branch) => branchHeadIn(world, branch),
    hasDeployed: async (env, sha, app) => hasDeployedIn(world, env, sha, app),
    currentLock: async (env, app) => {
      if (world.facts.locks === undefined) {
        world.assumed.add(`locks: ${env} is not locked`);
        return undefined;
      }
      for (const scope of app === undefined ? [env] : [env, lockScope(env, app)]) {
        const lock = lockAt(world, scope);
        if (lock !== undefined) return lock;
      }
      return undefined;
    },
    lockOfScope: async (env, app) => {
      // A /freeze is kept as a lock of the scope `<env>+freeze` (freeze-command.ts); said as what it is.
      const frozen = env.endsWith("+freeze") ? env.slice(0, -"+freeze".length) : undefined;
      if (world.facts.locks === undefined) world.assumed.add(frozen === undefined ? `locks: ${env} is not locked` : `locks: ${frozen} is not frozen (/freeze)`);
      return lockAt(world, app === undefined ? env : lockScope(env, app));
    },
    // The facts file gives approvals whole (`approvals`), so no comment needs listing.
    issueComments: async () => [],
    thumbsUpApprovals: async () =>
      approvals()
        .filter((approval) => approval.review === undefined)
        .map((approval) => ({ login: approval.login, permission: approval.permission, at: approval.at })),
    reviewApprovals: async () =>
      approvals().flatMap((approval) =>
        approval.review === undefined ? [] : [{ login: approval.login, permission: approval.permission, at: approval.at, review: approval.review }],
      ),
    tagsUnder: async (prefix) =>
      // The tags of the file, each at the commit `refs` gives it.
      (world.facts.tags ?? []).flatMap((name) => {
        if (!name.startsWith(prefix)) return [];
        const sha = commitOf(world, name);
        return sha === undefined ? [] : [{ name, sha }];
      }),
    mergedPullAssociation: async () => {
      const given = world.facts.mergedPullAssociation;
      if (given === undefined) world.assumed.add("mergedPullAssociation: the pushed commit merged no pull request");
      return given;
    },
    queuedDeployments: async (env, app) => queuedOf(world, env, app),
    deploymentsCreatedBetween: async (since, until) => deploymentsCreatedBetweenIn(world, since, until),
    deploymentWithKey: async (env, key) => deploymentWithKeyIn(world, env, key),
    deploymentById: async (id) => deploymentByIdIn(world, id),
    ...peopleFromJson(world),
  };
}
