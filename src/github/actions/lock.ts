import type { AcquireLock, ReleaseLock, RepoRef } from "../../policy/plan.js";
import { notFoundAsUndefined, statusOf, type GitHub } from "../client.js";
import { effect, type ActionRunner } from "../effects.js";
import { decodeLock, encodeLock } from "../../policy/deploy/lock-message.js";
import { ownDeploymentKey } from "./deployment.js";
import type { IdentitySource } from "../identity.js";

// A lock is a branch whose creation is atomic: GitHub answers 422 when the ref exists, so two
// replicas racing for one environment cannot both win. The lock's facts live in the message of
// the commit the branch points at, readable by anyone in GitHub's UI.
export function lockBranch(environment: string): string {
  return `release-pilot/lock/${environment}`;
}

/** The lock commit's message, in the one codec every reader decodes (lock-message.ts). */
export function lockMessage(action: Pick<AcquireLock, "holder" | "reason" | "expiresAt" | "key" | "now" | "deploymentKey">): string {
  return encodeLock({
    holder: action.holder,
    reason: action.reason,
    expiresAt: action.expiresAt,
    createdAt: action.now,
    ...(action.deploymentKey === undefined ? {} : { deploymentKey: action.deploymentKey }),
    key: action.key,
  });
}

/** Whether the lock message was written for this acquire key, in whichever format it was written. */
function takenBy(message: string, key: string): boolean {
  return decodeLock(message)?.key === key;
}

async function currentLock(octokit: GitHub, repo: RepoRef, environment: string) {
  const ref = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `heads/${lockBranch(environment)}` }));
  if (ref === undefined) return undefined;
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: ref.data.object.sha });
  return { sha: commit.sha, message: commit.message };
}

export const acquireLock: ActionRunner<AcquireLock> = async (action, { octokitFor, self }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  // Looking first keeps a rerun from writing an orphan commit; the ref creation below stays the
  // atomic step that settles a race.
  const mine = await currentLock(octokit, repo, action.environment);
  if (mine !== undefined && takenBy(mine.message, action.key)) return effect(action, "already-done", { sha: mine.sha });
  // A redelivered request for a deploy that already ran and finished must not lock again: its
  // outcome, which frees the lock, has come and gone.
  if (mine === undefined && (await deployFinished(octokit, repo, action, self))) return effect(action, "already-done");
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
  if (takenBy(held.message, action.key)) return effect(action, "already-done", { sha: held.sha });
  // A message that is no lock's is not overwritten: the branch is someone's, and they are asked.
  const lock = decodeLock(held.message) ?? { holder: "unknown", reason: "unknown", expiresAt: "unknown" };
  // An expired lock is taken over; policy already decided it may be, from the same facts.
  if (Date.parse(lock.expiresAt) < Date.parse(action.now)) {
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${lockBranch(action.environment)}`, sha: commit.sha, force: true });
    return effect(action, "done", { sha: commit.sha });
  }
  // Contention is an answer: the plan stops here and the feature decides what to tell whom.
  return effect(action, "held", { held: { holder: lock.holder, reason: lock.reason, expiresAt: lock.expiresAt } });
};

const FINISHED = new Set(["success", "failure", "error", "inactive"]);

async function deployFinished(octokit: GitHub, repo: RepoRef, action: AcquireLock, self: IdentitySource): Promise<boolean> {
  const deployKey = action.deploymentKey;
  // A person's /lock is no deploy's: nothing finished that could have freed it.
  if (deployKey === undefined) return false;
  // The scope is `env` or `env@app`; deployments are recorded under the environment.
  const environment = action.environment.split("@")[0] ?? action.environment;
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: 100 });
  const me = await self();
  const deployment = data.find((candidate) => ownDeploymentKey(candidate, me) === deployKey);
  if (deployment === undefined) return false;
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
  return statuses[0] !== undefined && FINISHED.has(statuses[0].state);
}

export const releaseLock: ActionRunner<ReleaseLock> = async (action, { octokitFor }) => {
  const octokit = await octokitFor(action.repo);
  const held = await currentLock(octokit, action.repo, action.environment);
  if (held === undefined) return effect(action, "already-done");
  if (action.holderKey !== undefined && !takenBy(held.message, action.holderKey)) return effect(action, "already-done");
  await octokit.rest.git.deleteRef({ ...action.repo, ref: `heads/${lockBranch(action.environment)}` });
  return effect(action, "done", { sha: held.sha });
};
