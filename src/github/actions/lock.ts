import type { AcquireLock, ReleaseLock, RepoRef } from "../../policy/plan.js";
import { notFoundAsUndefined, statusOf, type GitHub } from "../client.js";
import { effect, type ActionRunner } from "../effects.js";
import { hasKey, keyMarker } from "../marker.js";
import { deployKeyOfLockKey } from "../../policy/deploy/lock.js";
import { deploymentKeyOf } from "./deployment.js";

// A lock is a branch whose creation is atomic: GitHub answers 422 when the ref exists, so two
// replicas racing for one environment cannot both win. The lock's facts live in the message of
// the commit the branch points at, readable by anyone in GitHub's UI.
export function lockBranch(environment: string): string {
  return `release-pilot/lock/${environment}`;
}

export class LockHeldError extends Error {
  constructor(readonly environment: string, readonly holder: string, readonly reason: string, readonly expiresAt: string) {
    super(`${environment} is locked by ${holder} (${reason}) until ${expiresAt}`);
  }
}

export function lockMessage(action: Pick<AcquireLock, "environment" | "holder" | "reason" | "expiresAt" | "key">): string {
  return [
    `Release Pilot lock for ${action.environment}`,
    "",
    `holder: ${action.holder}`,
    `reason: ${action.reason}`,
    `expires: ${action.expiresAt}`,
    keyMarker(action.key),
  ].join("\n");
}

export function readLockMessage(message: string): { holder: string; reason: string; expiresAt: string } {
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(message)?.[1] ?? "unknown";
  return { holder: field("holder"), reason: field("reason"), expiresAt: field("expires") };
}

async function currentLock(octokit: GitHub, repo: RepoRef, environment: string) {
  const ref = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `heads/${lockBranch(environment)}` }));
  if (ref === undefined) return undefined;
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.data.object.sha });
  return { sha: commit.sha, message: commit.message };
}

export const acquireLock: ActionRunner<AcquireLock> = async (action, { octokit }) => {
  const { repo } = action;
  // Looking first keeps a rerun from writing an orphan commit; the ref creation below stays the
  // atomic step that settles a race.
  const mine = await currentLock(octokit, repo, action.environment);
  if (mine !== undefined && hasKey(mine.message, action.key)) return effect(action, "already-done", { sha: mine.sha });
  // A redelivered request for a deploy that already ran and finished must not lock again: its
  // outcome, which frees the lock, has come and gone.
  if (mine === undefined && (await deployFinished(octokit, repo, action))) return effect(action, "already-done");
  const { data: base } = await octokit.rest.git.getCommit({ ...repo, commit_sha: action.commit });
  const { data: commit } = await octokit.rest.git.createCommit({
    ...repo,
    message: lockMessage(action),
    tree: base.tree.sha,
    parents: [base.sha],
  });
  try {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${lockBranch(action.environment)}`, sha: commit.sha });
    return effect(action, "done", { sha: commit.sha });
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
  }
  const held = await currentLock(octokit, repo, action.environment);
  if (held === undefined) throw new Error(`the lock on ${action.environment} vanished while it was being taken; try again`);
  if (hasKey(held.message, action.key)) return effect(action, "already-done", { sha: held.sha });
  const lock = readLockMessage(held.message);
  // An expired lock is taken over; policy already decided it may be, from the same facts.
  if (Date.parse(lock.expiresAt) < Date.parse(action.now)) {
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${lockBranch(action.environment)}`, sha: commit.sha, force: true });
    return effect(action, "done", { sha: commit.sha });
  }
  throw new LockHeldError(action.environment, lock.holder, lock.reason, lock.expiresAt);
};

const FINISHED = new Set(["success", "failure", "error", "inactive"]);

async function deployFinished(octokit: GitHub, repo: RepoRef, action: AcquireLock): Promise<boolean> {
  const deployKey = deployKeyOfLockKey(action.key);
  if (deployKey === undefined) return false;
  // The scope is `env` or `env@app`; deployments are recorded under the environment.
  const environment = action.environment.split("@")[0] ?? action.environment;
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: 100 });
  const deployment = data.find((candidate) => deploymentKeyOf(candidate.payload) === deployKey);
  if (deployment === undefined) return false;
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
  return statuses[0] !== undefined && FINISHED.has(statuses[0].state);
}

export const releaseLock: ActionRunner<ReleaseLock> = async (action, { octokit }) => {
  const held = await currentLock(octokit, action.repo, action.environment);
  if (held === undefined) return effect(action, "already-done");
  if (action.holderKey !== undefined && !hasKey(held.message, action.holderKey)) return effect(action, "already-done");
  await octokit.rest.git.deleteRef({ ...action.repo, ref: `heads/${lockBranch(action.environment)}` });
  return effect(action, "done", { sha: held.sha });
};
