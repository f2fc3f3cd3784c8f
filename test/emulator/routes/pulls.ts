// Pull requests. They share numbering and labels with issues (a PR is an issue with a head and a
// base), and creation refuses a second open PR for the same head, as GitHub does.
import { HttpError, type Handler, type RouteContext, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { branchSha, newIssue } from "../repo-ops.js";
import { pullShape, reviewShape } from "../shapes.js";
import { type Issue, type PullRequest, type Repo, now } from "../store.js";
import { filesShape } from "./commits.js";

function pullOr404(ctx: RouteContext): { repo: Repo; pull: PullRequest; issue: Issue } {
  const repo = repoOf(ctx);
  const number = numberParam(ctx, "pull_number");
  const pull = repo.pulls.get(number);
  const issue = repo.issues.get(number);
  if (!pull || !issue) throw notFound();
  return { repo, pull, issue };
}

/** Fresh head/base shas for open PRs, since branches move under them. */
function refresh(repo: Repo, pull: PullRequest, issue: Issue): void {
  if (issue.state !== "open") return;
  pull.headSha = branchSha(repo, pull.headRef) ?? pull.headSha;
  pull.baseSha = branchSha(repo, pull.baseRef) ?? pull.baseSha;
}

function listPulls(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const head = ctx.query.get("head");
  const base = ctx.query.get("base");
  const sort = ctx.query.get("sort") ?? "created";
  const direction = ctx.query.get("direction") ?? "desc";
  const rows = [...repo.pulls.values()].flatMap((pull) => {
    const issue = repo.issues.get(pull.number);
    if (!issue) return [];
    if (state !== "all" && issue.state !== state) return [];
    // `head` is `owner:branch`; a bare branch name matches nothing on GitHub, and here likewise.
    if (head && pull.headLabel !== head) return [];
    if (base && pull.baseRef !== base) return [];
    refresh(repo, pull, issue);
    return [{ pull, issue }];
  });
  const key = (row: { issue: Issue; pull: PullRequest }): string => (sort === "updated" ? row.issue.updated_at : row.issue.created_at);
  rows.sort((a, b) => {
    const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.pull.number - b.pull.number;
    return direction === "asc" ? order : -order;
  });
  return paginate(
    ctx,
    rows.map(({ pull, issue }) => pullShape(ctx, repo, pull, issue)),
  );
}

// Forks are not modelled: `head` may be `owner:branch` or `branch`, both meaning this repo.
function createPull(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const headParam = str(ctx, "head") ?? "";
  const headRef = headParam.includes(":") ? headParam.slice(headParam.indexOf(":") + 1) : headParam;
  const headLabel = `${repo.owner}:${headRef}`;
  const baseRef = str(ctx, "base") ?? "";
  const headSha = branchSha(repo, headRef);
  const baseSha = branchSha(repo, baseRef);
  if (!headSha) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", field: "head", code: "invalid" }]);
  if (!baseSha) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
  const duplicate = [...repo.pulls.values()].some((p) => p.headLabel === headLabel && p.baseRef === baseRef && repo.issues.get(p.number)?.state === "open");
  if (duplicate) {
    throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `A pull request already exists for ${headLabel}.` }]);
  }
  if (repo.git.isAncestor(headSha, baseSha)) {
    throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", code: "custom", message: `No commits between ${baseRef} and ${headRef}` }]);
  }
  const id = ctx.store.id();
  const number = newIssue(repo, id, { title: str(ctx, "title") ?? "", body: str(ctx, "body") ?? null, labels: [], user: ctx.actor, isPullRequest: true });
  const pull: PullRequest = {
    number,
    id,
    headRef,
    headLabel,
    headSha,
    baseRef,
    baseSha,
    draft: ctx.body["draft"] === true,
    merged_at: null,
    merge_commit_sha: null,
  };
  repo.pulls.set(number, pull);
  const issue = repo.issues.get(number);
  if (!issue) throw notFound();
  ctx.store.webhooks?.pullRequest(repo, "opened", pull, issue, ctx.actor);
  return ok(pullShape(ctx, repo, pull, issue), 201);
}

export const pullRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/pulls": listPulls,
  "POST /repos/{owner}/{repo}/pulls": createPull,

  "GET /repos/{owner}/{repo}/pulls/{pull_number}": (ctx) => {
    const { repo, pull, issue } = pullOr404(ctx);
    refresh(repo, pull, issue);
    return ok(pullShape(ctx, repo, pull, issue));
  },

  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": (ctx) => {
    const { repo, pull, issue } = pullOr404(ctx);
    const title = str(ctx, "title");
    const state = str(ctx, "state");
    const base = str(ctx, "base");
    const was = { title: issue.title, body: issue.body, state: issue.state, base: pull.baseRef };
    if (title !== undefined) issue.title = title;
    if ("body" in ctx.body) issue.body = str(ctx, "body") ?? null;
    if (base !== undefined) {
      if (!branchSha(repo, base)) throw new HttpError(422, "Validation Failed", [{ resource: "PullRequest", field: "base", code: "invalid" }]);
      pull.baseRef = base;
    }
    if ((state === "open" || state === "closed") && pull.merged_at === null) {
      issue.state = state;
      issue.closed_at = state === "closed" ? now() : null;
    }
    issue.updated_at = now();
    refresh(repo, pull, issue);
    const changes = {
      ...(issue.title !== was.title ? { title: { from: was.title } } : {}),
      ...(issue.body !== was.body ? { body: { from: was.body ?? "" } } : {}),
      ...(pull.baseRef !== was.base ? { base: { ref: { from: was.base }, sha: { from: pull.baseSha } } } : {}),
    };
    if (Object.keys(changes).length > 0) ctx.store.webhooks?.pullRequest(repo, "edited", pull, issue, ctx.actor, { changes });
    if (issue.state !== was.state) ctx.store.webhooks?.pullRequest(repo, issue.state === "closed" ? "closed" : "reopened", pull, issue, ctx.actor);
    return ok(pullShape(ctx, repo, pull, issue));
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": (ctx) => {
    const { repo, pull, issue } = pullOr404(ctx);
    refresh(repo, pull, issue);
    if (pull.merge_commit_sha) {
      const parent = repo.git.get(pull.merge_commit_sha, "commit")?.parents[0];
      return paginate(ctx, filesShape(ctx, repo, parent, pull.merge_commit_sha));
    }
    return paginate(ctx, filesShape(ctx, repo, repo.git.mergeBase(pull.baseSha, pull.headSha), pull.headSha));
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (ctx) => {
    const { repo, pull } = pullOr404(ctx);
    return paginate(
      ctx,
      repo.reviews.filter((r) => r.pullNumber === pull.number).map((r) => reviewShape(ctx, repo, r)),
    );
  },

  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": (ctx) => {
    const { repo, pull, issue } = pullOr404(ctx);
    refresh(repo, pull, issue);
    const event = str(ctx, "event");
    const state = event === "APPROVE" ? "APPROVED" : event === "REQUEST_CHANGES" ? "CHANGES_REQUESTED" : event === "COMMENT" ? "COMMENTED" : "PENDING";
    // `commit_id`: "The SHA of the commit that needs a review ... Defaults to the most recent
    // commit in the pull request when you do not specify a value." (REST docs, Create a review)
    const review = {
      id: ctx.store.id(),
      pullNumber: pull.number,
      user: ctx.actor,
      state,
      body: str(ctx, "body") ?? "",
      commit_id: str(ctx, "commit_id") ?? pull.headSha,
      submitted_at: now(),
    };
    repo.reviews.push(review);
    return ok(reviewShape(ctx, repo, review));
  },
};
