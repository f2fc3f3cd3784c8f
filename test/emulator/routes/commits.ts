// Commits, comparisons and the pull requests and check runs attached to a commit: the reads a
// bot uses to work out what changed since the last release.
import { HttpError, type Handler, type RouteContext, ok, paginate, repoOf } from "../http.js";
import { resolveOr404 } from "../repo-ops.js";
import { checkRunShape, commitShape, pullShape } from "../shapes.js";
import type { FileChange } from "../git.js";
import type { Repo } from "../store.js";

function fileShape(ctx: RouteContext, repo: Repo, ref: string, change: FileChange): Record<string, unknown> {
  return {
    sha: change.sha,
    filename: change.filename,
    status: change.status,
    additions: change.additions,
    deletions: change.deletions,
    changes: change.additions + change.deletions,
    blob_url: `${ctx.webUrl}/${repo.owner}/${repo.name}/blob/${ref}/${change.filename}`,
    raw_url: `${ctx.webUrl}/${repo.owner}/${repo.name}/raw/${ref}/${change.filename}`,
    contents_url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/contents/${change.filename}?ref=${ref}`,
  };
}

export function filesShape(ctx: RouteContext, repo: Repo, base: string | undefined, head: string): Record<string, unknown>[] {
  return repo.git.diff(base, head).map((c) => fileShape(ctx, repo, head, c));
}

function touches(repo: Repo, sha: string, path: string): boolean {
  const parent = repo.git.get(sha, "commit")?.parents[0];
  return repo.git.diff(parent, sha).some((c) => c.filename === path || c.filename.startsWith(`${path.replace(/\/$/, "")}/`));
}

function listCommits(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const head = repo.git.resolve(ctx.query.get("sha") ?? repo.defaultBranch);
  // GitHub answers an empty repository with 409 and an unknown sha with 404.
  if (!head) throw new HttpError(ctx.query.has("sha") ? 404 : 409, ctx.query.has("sha") ? "No commit found for SHA" : "Git Repository is empty.");
  const path = ctx.query.get("path");
  const author = ctx.query.get("author");
  const since = ctx.query.get("since");
  const until = ctx.query.get("until");
  const shas = repo.git.log(head).filter((sha) => {
    const commit = repo.git.get(sha, "commit");
    if (!commit) return false;
    if (path && !touches(repo, sha, path)) return false;
    if (author && commit.author.name !== author && !commit.author.email.startsWith(`${author}@`)) return false;
    if (since && Date.parse(commit.committer.date) < Date.parse(since)) return false;
    if (until && Date.parse(commit.committer.date) > Date.parse(until)) return false;
    return true;
  });
  return paginate(
    ctx,
    shas.map((sha) => commitShape(ctx, repo, sha)),
  );
}

function compare(ctx: RouteContext, baseRef: string, headRef: string): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const base = repo.git.resolve(baseRef);
  const head = repo.git.resolve(headRef);
  if (!base || !head) throw new HttpError(404, "Not Found");
  const mergeBase = repo.git.mergeBase(base, head);
  const fromBase = new Set(mergeBase ? repo.git.log(mergeBase) : []);
  const ahead = repo.git.log(head, fromBase);
  const behind = repo.git.log(base, fromBase);
  const status = ahead.length === 0 && behind.length === 0 ? "identical" : behind.length === 0 ? "ahead" : ahead.length === 0 ? "behind" : "diverged";
  const commits = [...ahead].reverse();
  const api = `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}`;
  return ok({
    url: `${api}/compare/${baseRef}...${headRef}`,
    html_url: `${ctx.webUrl}/${repo.owner}/${repo.name}/compare/${baseRef}...${headRef}`,
    status,
    ahead_by: ahead.length,
    behind_by: behind.length,
    total_commits: ahead.length,
    base_commit: commitShape(ctx, repo, base),
    merge_base_commit: mergeBase ? commitShape(ctx, repo, mergeBase) : null,
    // Like GitHub, commits are oldest first and capped at 250 per page.
    commits: commits.slice(0, 250).map((sha) => commitShape(ctx, repo, sha)),
    files: filesShape(ctx, repo, mergeBase, head),
  });
}

export const commitRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/commits": listCommits,

  "GET /repos/{owner}/{repo}/commits/{ref}": (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveOr404(repo, ctx.params["ref"]);
    const files = filesShape(ctx, repo, repo.git.get(sha, "commit")?.parents[0], sha);
    const additions = files.reduce((n, f) => n + Number(f["additions"]), 0);
    const deletions = files.reduce((n, f) => n + Number(f["deletions"]), 0);
    return ok({ ...commitShape(ctx, repo, sha), files, stats: { additions, deletions, total: additions + deletions } });
  },

  "GET /repos/{owner}/{repo}/compare/{basehead}": (ctx) => {
    const [base, head] = (ctx.params["basehead"] ?? "").split("...");
    if (base === undefined || head === undefined) throw new HttpError(404, "Not Found");
    return compare(ctx, base, head);
  },

  "GET /repos/{owner}/{repo}/compare/{base}...{head}": (ctx) => compare(ctx, ctx.params["base"] ?? "", ctx.params["head"] ?? ""),

  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveOr404(repo, ctx.params["ref"]);
    const name = ctx.query.get("check_name");
    const status = ctx.query.get("status");
    let runs = repo.checkRuns.filter((r) => r.head_sha === sha && (!name || r.name === name) && (!status || r.status === status));
    // `filter=latest` (the default) keeps the newest run of each name.
    if (ctx.query.get("filter") !== "all") {
      runs = runs.filter((r) => !runs.some((o) => o.name === r.name && o.id > r.id));
    }
    runs = [...runs].sort((a, b) => b.id - a.id);
    const page = paginate(
      ctx,
      runs.map((r) => checkRunShape(ctx, repo, r, ctx.store.app)),
    );
    return { ...page, body: { total_count: runs.length, check_runs: page.body } };
  },

  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveOr404(repo, ctx.params["commit_sha"]);
    const pulls = [...repo.pulls.values()].filter((p) => p.merge_commit_sha === sha || p.headSha === sha);
    return paginate(
      ctx,
      pulls.flatMap((p) => {
        const issue = repo.issues.get(p.number);
        return issue ? [pullShape(ctx, repo, p, issue)] : [];
      }),
    );
  },
};
