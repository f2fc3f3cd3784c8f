// Git data helpers shared by the actions that write commits, branches and tags.
import type { FileChange, RepoRef } from "../policy/plan.js";
import { notFoundAsUndefined, type GitHub } from "./client.js";

export async function refSha(octokit: GitHub, repo: RepoRef, ref: string): Promise<string | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref }));
  return found?.data.object.sha;
}

export async function branchSha(octokit: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  return refSha(octokit, repo, `heads/${branch}`);
}

export async function readFile(octokit: GitHub, repo: RepoRef, path: string, ref: string): Promise<string | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.repos.getContent({ ...repo, path, ref }));
  const data = found?.data;
  if (data === undefined || Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
  // Over 1 MB GitHub sends `encoding: "none"` and no content (REST docs, "Get repository content"); the blob API has the bytes.
  if (data.encoding === "none") return Buffer.from((await octokit.rest.git.getBlob({ ...repo, file_sha: data.sha })).data.content, "base64").toString("utf8");
  return Buffer.from(data.content, "base64").toString("utf8");
}

/** True when every change is already in place at `ref`: the write would change nothing. */
export async function filesInPlace(octokit: GitHub, repo: RepoRef, ref: string, files: readonly FileChange[]): Promise<boolean> {
  for (const file of files) {
    const current = await readFile(octokit, repo, file.path, ref);
    if ((current ?? null) !== file.content) return false;
  }
  return true;
}

/** One commit with every change, on top of `parent`; the branch ref is not moved. */
export async function createCommit(octokit: GitHub, repo: RepoRef, parent: string, message: string, files: readonly FileChange[]): Promise<string> {
  return (await createCommitWithTree(octokit, repo, { sha: parent }, message, files)).sha;
}

/**
 * As createCommit, returning the new tree as well; a parent whose tree is known (a commit made
 * earlier in the same plan) is not read again.
 */
export async function createCommitWithTree(
  octokit: GitHub,
  repo: RepoRef,
  parent: { readonly sha: string; readonly tree?: string | undefined },
  message: string,
  files: readonly FileChange[],
): Promise<{ readonly sha: string; readonly tree: string }> {
  const baseTree = parent.tree ?? (await octokit.rest.git.getCommit({ ...repo, commit_sha: parent.sha })).data.tree.sha;
  const { data: tree } = await octokit.rest.git.createTree({
    ...repo,
    base_tree: baseTree,
    tree: files.map((file) =>
      file.content === null
        ? { path: file.path, mode: "100644" as const, type: "blob" as const, sha: null }
        : { path: file.path, mode: "100644" as const, type: "blob" as const, content: file.content },
    ),
  });
  const { data: commit } = await octokit.rest.git.createCommit({ ...repo, message, tree: tree.sha, parents: [parent.sha] });
  return { sha: commit.sha, tree: tree.sha };
}

export async function setBranch(octokit: GitHub, repo: RepoRef, branch: string, sha: string, exists: boolean): Promise<void> {
  if (exists) {
    await octokit.rest.git.updateRef({ ...repo, ref: `heads/${branch}`, sha, force: false });
  } else {
    await octokit.rest.git.createRef({ ...repo, ref: `refs/heads/${branch}`, sha });
  }
}
