import type { CommitFiles } from "../../policy/plan.js";
import { effect, resolveCommit, type ActionRunner } from "../effects.js";
import { branchSha, createCommit, filesInPlace, setBranch } from "../git.js";

// Idempotent by content: when the branch already holds every change, the commit happened.
export const commitFiles: ActionRunner<CommitFiles> = async (action, context) => {
  const { octokit } = context;
  const { repo } = action;
  const head = await branchSha(octokit, repo, action.branch);
  if (head === undefined) throw new Error(`branch ${action.branch} does not exist`);
  if (await filesInPlace(octokit, repo, head, action.files)) {
    return effect(action, "already-done", { sha: head });
  }
  const parent = action.parent === undefined ? head : resolveCommit(action.parent, context);
  const sha = await createCommit(octokit, repo, parent, action.message, action.files);
  // Not forced: if someone pushed meanwhile GitHub refuses, and the job is retried with new facts.
  await setBranch(octokit, repo, action.branch, sha, true);
  return effect(action, "done", { sha });
};
