import type { CommitFiles, CommitRef } from "../../policy/plan.js";
import { statusOf } from "../client.js";
import { effect, resolveCommit, type ActionRunner, type ExecutionContext } from "../effects.js";
import { branchSha, createCommitWithTree, filesInPlace, setBranch } from "../git.js";

// Idempotent by content: when the branch already holds every change, the commit happened.
export const commitFiles: ActionRunner<CommitFiles> = async (action, context) => {
  if (action.parent !== undefined) return commitOnParent(action, action.parent, context);
  const octokit = await context.octokitFor(action.repo);
  const { repo } = action;
  const head = await branchSha(octokit, repo, action.branch);
  if (head === undefined) throw new Error(`branch ${action.branch} does not exist`);
  if (await filesInPlace(octokit, repo, head, action.files)) {
    return effect(action, "already-done", { sha: head });
  }
  const made = await createCommitWithTree(octokit, repo, { sha: head }, action.message, action.files);
  // Not forced: if someone pushed meanwhile GitHub refuses, and the job is retried with new facts.
  await setBranch(octokit, repo, action.branch, made.sha, true);
  return effect(action, "done", made);
};

/**
 * With the parent named by the plan (the head the handler read, or a commit made earlier in the
 * plan), the commit is made and the branch moved without looking first: the unforced ref update
 * is itself the check, as GitHub refuses it (422) once the branch is anywhere but the parent.
 * Only then is the branch read, to tell a rerun (the changes are there) from a push meanwhile.
 */
async function commitOnParent(action: CommitFiles, named: CommitRef, context: ExecutionContext) {
  const octokit = await context.octokitFor(action.repo);
  const { repo } = action;
  const parent = resolveCommit(named, context);
  const tree = typeof named === "string" ? undefined : context.effects.get(named.fromAction)?.tree;
  const made = await createCommitWithTree(octokit, repo, { sha: parent, tree }, action.message, action.files);
  try {
    await setBranch(octokit, repo, action.branch, made.sha, true);
    return effect(action, "done", made);
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    const head = await branchSha(octokit, repo, action.branch);
    if (head !== undefined && (await filesInPlace(octokit, repo, head, action.files))) return effect(action, "already-done", { sha: head });
    throw error;
  }
}
