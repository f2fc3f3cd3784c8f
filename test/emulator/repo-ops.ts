// Operations shared by the HTTP routes and the test-facing seeding helpers, so a seeded commit
// and a commit the bot makes through the API land in the store the same way.
import type { Signature } from "./git.js";
import { HttpError, notFound } from "./http.js";
import { type Repo, type Store, type User, now } from "./store.js";

export function signature(login: string, date?: string): Signature {
  return { name: login, email: `${login}@users.noreply.github.com`, date: date ?? now() };
}

export function branchSha(repo: Repo, branch: string): string | undefined {
  return repo.git.refs.get(`refs/heads/${branch.replace(/^refs\/heads\//, "")}`);
}

/** Commit sha for a ref-ish, or 404/422 as GitHub answers for an unknown ref. */
export function resolveOr404(repo: Repo, ref: string | undefined | null): string {
  const sha = repo.git.resolve(ref ?? repo.defaultBranch);
  if (!sha) throw new HttpError(404, `No commit found for the ref ${ref ?? repo.defaultBranch}`);
  return sha;
}

/** Commit file changes (null deletes) onto a branch, creating the branch from nothing if absent. */
export function commitFiles(
  repo: Repo,
  branch: string,
  files: Readonly<Record<string, string | null>>,
  message: string,
  author: string,
  date?: string,
): string {
  const parent = branchSha(repo, branch);
  const baseTree = parent ? repo.git.get(parent, "commit")?.tree : undefined;
  const tree = repo.git.applyChanges(baseTree, files);
  const sig = signature(author, date);
  const sha = repo.git.put({
    type: "commit",
    tree,
    parents: parent ? [parent] : [],
    message,
    author: sig,
    committer: sig,
  });
  repo.git.refs.set(`refs/heads/${branch}`, sha);
  return sha;
}

/** A lightweight tag, as GitHub creates when a release is published for a missing tag. */
export function ensureTag(repo: Repo, tag: string, target: string): void {
  if (repo.git.refs.has(`refs/tags/${tag}`)) return;
  const sha = repo.git.resolve(target);
  if (!sha) throw notFound();
  repo.git.refs.set(`refs/tags/${tag}`, sha);
}

export function newIssue(repo: Repo, id: number, fields: { title: string; body: string | null; labels: string[]; user: User; isPullRequest: boolean }): number {
  const number = repo.nextNumber;
  repo.nextNumber += 1;
  const at = now();
  repo.issues.set(number, {
    number,
    id,
    title: fields.title,
    body: fields.body,
    state: "open",
    state_reason: null,
    labels: [...new Set(fields.labels)],
    user: fields.user,
    assignees: [],
    created_at: at,
    updated_at: at,
    closed_at: null,
    isPullRequest: fields.isPullRequest,
  });
  return number;
}

/** Labels arrive as strings or `{name}` objects depending on the endpoint and client. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((item: unknown) => (typeof item === "string" ? item : item && typeof item === "object" ? (item as { name?: unknown }).name : undefined))
    .filter((name): name is string => typeof name === "string");
}

/**
 * Merge an open pull request into its base branch. Changes the head made since the merge base
 * are laid over the base's tree (no conflict detection: the head wins), which is all the
 * scenarios need; `merge` keeps both parents, `squash` and `rebase` make one commit.
 */
export function mergePull(repo: Repo, number: number, method: string, title: string | undefined, actor: string): string {
  const pull = repo.pulls.get(number);
  const issue = repo.issues.get(number);
  if (!pull || !issue) throw notFound();
  if (pull.merged_at !== null || issue.state !== "open") throw new HttpError(405, "Pull Request is not mergeable");
  const baseSha = branchSha(repo, pull.baseRef);
  const headSha = branchSha(repo, pull.headRef) ?? pull.headSha;
  if (!baseSha) throw new HttpError(422, `Base branch ${pull.baseRef} is gone`);
  const files: Record<string, string | null> = {};
  for (const change of repo.git.diff(repo.git.mergeBase(baseSha, headSha), headSha)) {
    files[change.filename] = change.status === "removed" ? null : (repo.git.get(change.sha, "blob")?.content.toString("utf8") ?? "");
  }
  const tree = repo.git.applyChanges(repo.git.get(baseSha, "commit")?.tree, files);
  const sig = signature(actor);
  const message = title ?? (method === "merge" ? `Merge pull request #${number} from ${pull.headLabel.replace(":", "/")}` : `${issue.title} (#${number})`);
  const sha = repo.git.put({ type: "commit", tree, parents: method === "merge" ? [baseSha, headSha] : [baseSha], message, author: sig, committer: sig });
  repo.git.refs.set(`refs/heads/${pull.baseRef}`, sha);
  const at = now();
  Object.assign(pull, { merged_at: at, merge_commit_sha: sha, headSha, baseSha });
  Object.assign(issue, { state: "closed", closed_at: at, updated_at: at });
  return sha;
}

/** A merged pull request is announced as closed (its push was announced when the base moved). */
export function announceMerged(store: Store, repo: Repo, number: number, actor: User): void {
  const pull = repo.pulls.get(number);
  const issue = repo.issues.get(number);
  if (pull && issue) store.webhooks?.pullRequest(repo, "closed", pull, issue, actor);
}
