import type { CreateTag, MoveTag, RepoRef } from "../../policy/plan.js";
import { notFoundAsUndefined, type GitHub } from "../client.js";
import { effect, resolveCommit, type ActionRunner } from "../effects.js";
import { refSha } from "../git.js";

export class TagTakenError extends Error {
  constructor(
    readonly tag: string,
    readonly sha: string,
  ) {
    super(`tag ${tag} already exists on another commit (${sha.slice(0, 7)}); release tags are never moved`);
  }
}

export const createTag: ActionRunner<CreateTag> = async (action, context) => {
  const octokit = await context.octokitFor(action.repo);
  const { repo } = action;
  const commit = resolveCommit(action.commit, context);
  const existing = await tagCommit(octokit, repo, action.tag);
  if (existing !== undefined) {
    if (existing !== commit) throw new TagTakenError(action.tag, existing);
    return effect(action, "already-done", { sha: commit });
  }
  let object = commit;
  if (action.message !== undefined) {
    const { data } = await octokit.rest.git.createTag({
      ...repo,
      tag: action.tag,
      message: action.message,
      object: commit,
      type: "commit",
    });
    object = data.sha;
  }
  await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${action.tag}`, sha: object });
  return effect(action, "done", { sha: commit });
};

/** Pointer tags (production, staging, latest) are lightweight and forced to the new commit. */
export const moveTag: ActionRunner<MoveTag> = async (action, context) => {
  const octokit = await context.octokitFor(action.repo);
  const { repo } = action;
  const commit = resolveCommit(action.commit, context);
  if (action.ref === "branch") return moveBranch(action, context);
  const existing = await refSha(octokit, repo, `tags/${action.tag}`);
  if (existing === commit) return effect(action, "already-done", { sha: commit });
  if (existing === undefined) {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/tags/${action.tag}`, sha: commit });
  } else {
    await octokit.rest.git.updateRef({ ...repo, ref: `tags/${action.tag}`, sha: commit, force: true });
  }
  return effect(action, "done", { sha: commit });
};

/**
 * A branch pointer moves only forward: GitHub refuses an unforced update that is not a fast
 * forward (422 "Update is not a fast forward", REST "Update a reference"), so commits people
 * pushed to it are never lost.
 */
const moveBranch: ActionRunner<MoveTag> = async (action, context) => {
  const octokit = await context.octokitFor(action.repo);
  const { repo } = action;
  const commit = resolveCommit(action.commit, context);
  const existing = await refSha(octokit, repo, `heads/${action.tag}`);
  if (existing === commit) return effect(action, "already-done", { sha: commit });
  if (existing === undefined) await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${action.tag}`, sha: commit });
  else await octokit.rest.git.updateRef({ ...repo, ref: `heads/${action.tag}`, sha: commit, force: false });
  return effect(action, "done", { sha: commit });
};

/** An annotated tag's ref names the tag object; the commit is one step further. */
async function tagCommit(octokit: GitHub, repo: RepoRef, tag: string): Promise<string | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `tags/${tag}` }));
  if (found === undefined) return undefined;
  if (found.data.object.type !== "tag") return found.data.object.sha;
  const { data } = await octokit.rest.git.getTag({ ...repo, tag_sha: found.data.object.sha });
  return data.object.sha;
}
