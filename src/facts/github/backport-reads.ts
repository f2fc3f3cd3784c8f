// The Octokit reads of a backport, through the Git database API because GitHub has no
// cherry-pick endpoint: the commit and its first parent (GET /git/commits), the three trees
// recursively (GET /git/trees?recursive=1, which GitHub truncates past 100,000 entries or 7 MB:
// REST docs, "Get a tree"), and only the blobs the pick writes (GET /git/blobs, base64).
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import { branchSha } from "../../github/git.js";
import { MAX_PICKED_FILES, type CherryPick, type MergedPull, type PickedFile } from "../../policy/backport/facts.js";
import type { RepoRef } from "../../policy/plan.js";

export async function mergedPull(octokit: GitHub, repo: RepoRef, number: number): Promise<MergedPull | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.pulls.get({ ...repo, pull_number: number }));
  if (found === undefined) return undefined;
  const pull = found.data;
  return {
    number: pull.number,
    title: pull.title,
    url: pull.html_url,
    labels: pull.labels.flatMap((label) => (label.name === undefined ? [] : [label.name])),
    mergeCommitSha: pull.merge_commit_sha,
    merged: pull.merged,
  };
}

/** Every blob of a tree by path, or undefined when GitHub cut the listing short. */
async function blobsOf(octokit: GitHub, repo: RepoRef, tree: string): Promise<Map<string, string> | undefined> {
  const { data } = await octokit.rest.git.getTree({ ...repo, tree_sha: tree, recursive: "1" });
  if (data.truncated) return undefined;
  const out = new Map<string, string>();
  for (const entry of data.tree) if (entry.type === "blob" && entry.path !== undefined && entry.sha !== undefined) out.set(entry.path, entry.sha);
  return out;
}

async function treeOf(octokit: GitHub, repo: RepoRef, commit: string): Promise<{ tree: string; parent: string | undefined; merge: boolean }> {
  const { data } = await octokit.rest.git.getCommit({ ...repo, commit_sha: commit });
  return { tree: data.tree.sha, parent: data.parents[0]?.sha, merge: data.parents.length > 1 };
}

/** A blob as text, or undefined when it is not UTF-8 text (a NUL byte, or bytes that do not decode back). */
async function textOf(octokit: GitHub, repo: RepoRef, sha: string): Promise<string | undefined> {
  const { data } = await octokit.rest.git.getBlob({ ...repo, file_sha: sha });
  const bytes = Buffer.from(data.content, "base64");
  const text = bytes.toString("utf8");
  return bytes.includes(0) || !Buffer.from(text, "utf8").equals(bytes) ? undefined : text;
}

export async function cherryPick(octokit: GitHub, repo: RepoRef, commit: string, branch: string): Promise<CherryPick> {
  const branchHead = await branchSha(octokit, repo, branch);
  if (branchHead === undefined) return { kind: "no-branch" };
  const picked = await treeOf(octokit, repo, commit);
  // A root commit has no parent to diff against; it is nobody's fix to backport.
  if (picked.parent === undefined) return { kind: "too-large", merge: false };
  const [after, before, target] = [
    await blobsOf(octokit, repo, picked.tree),
    await blobsOf(octokit, repo, (await treeOf(octokit, repo, picked.parent)).tree),
    await blobsOf(octokit, repo, (await treeOf(octokit, repo, branchHead)).tree),
  ];
  if (after === undefined || before === undefined || target === undefined) return { kind: "too-large", merge: picked.merge };
  const paths = [...new Set([...after.keys(), ...before.keys()])].filter((path) => after.get(path) !== before.get(path)).sort();
  if (paths.length > MAX_PICKED_FILES) return { kind: "too-large", merge: picked.merge };
  const files: PickedFile[] = [];
  for (const path of paths) {
    const [base, result, onBranch] = [before.get(path) ?? null, after.get(path) ?? null, target.get(path) ?? null];
    // Only a file the pick writes is read: a conflict or a file already in place needs no content.
    const writes = onBranch === base && result !== null;
    files.push({ path, base, picked: result, target: onBranch, content: result === null ? null : writes ? await textOf(octokit, repo, result) : null });
  }
  return { kind: "files", branchHead, parent: picked.parent, merge: picked.merge, files };
}
