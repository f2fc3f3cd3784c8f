import type { AcquireLock, ReleaseLock, RepoRef } from "../../policy/plan.js";
import { notFoundAsUndefined, statusOf, type GitHub } from "../client.js";
import { effect, type ActionRunner } from "../effects.js";
import { hasKey, keyMarker } from "../marker.js";

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

export const releaseLock: ActionRunner<ReleaseLock> = async (action, { octokit }) => {
  const held = await currentLock(octokit, action.repo, action.environment);
  if (held === undefined) return effect(action, "already-done");
  if (action.holderKey !== undefined && !hasKey(held.message, action.holderKey)) return effect(action, "already-done");
  await octokit.rest.git.deleteRef({ ...action.repo, ref: `heads/${lockBranch(action.environment)}` });
  return effect(action, "done", { sha: held.sha });
};
