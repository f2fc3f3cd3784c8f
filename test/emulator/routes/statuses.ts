// The Statuses API: CI outside GitHub Apps (Jenkins, older CI, external services) reports a
// commit's state here rather than as check runs. The rules GitHub documents for it are in
// ../commit-statuses.ts, each with its source.
import { checkStatusLimit, combinedState, latestStatuses, statusesOf } from "../commit-statuses.js";
import { HttpError, type Handler, type RouteContext, int, ok, paginate, repoOf, str } from "../http.js";
import { resolveOr404 } from "../repo-ops.js";
import { repoShape, userShape } from "../shapes.js";
import { type CommitStatus, type Repo, now } from "../store.js";

function statusUrl(ctx: RouteContext, repo: Repo, sha: string): string {
  return `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/statuses/${sha}`;
}

/** A "Simple Commit Status", as the combined status lists each context. */
function simpleStatusShape(ctx: RouteContext, repo: Repo, status: CommitStatus): Record<string, unknown> {
  return {
    id: status.id,
    node_id: Buffer.from(`StatusContext:${status.id}`).toString("base64").replace(/=+$/, ""),
    state: status.state,
    description: status.description,
    target_url: status.target_url,
    context: status.context,
    avatar_url: `${ctx.webUrl}/avatars/${status.creator.login}`,
    url: statusUrl(ctx, repo, status.sha),
    created_at: status.created_at,
    updated_at: status.updated_at,
  };
}

/** A "Status", as creating one and listing every one answer it: with its creator. */
function statusShape(ctx: RouteContext, repo: Repo, status: CommitStatus): Record<string, unknown> {
  return { ...simpleStatusShape(ctx, repo, status), creator: userShape(ctx, status.creator) };
}

export const statusRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/statuses/{sha}": (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params["sha"] ?? "";
    // The path names a commit by its SHA; GitHub answers 422 for one it does not have
    // (kubernetes/test-infra#21987: `{"message":"No commit found for SHA: <sha>"}`).
    if (!repo.git.get(sha, "commit")) throw new HttpError(422, `No commit found for SHA: ${sha}`);
    const context = str(ctx, "context") ?? "default";
    checkStatusLimit(repo, sha, context);
    const at = now();
    const status: CommitStatus = {
      id: ctx.store.id(),
      sha,
      // The request schema holds `state` to error, failure, pending or success.
      state: str(ctx, "state") ?? "pending",
      context,
      description: str(ctx, "description") ?? null,
      target_url: str(ctx, "target_url") ?? null,
      creator: ctx.actor,
      created_at: at,
      updated_at: at,
    };
    repo.commitStatuses.push(status);
    ctx.store.webhooks?.status(repo, status, ctx.actor);
    return ok(statusShape(ctx, repo, status), 201);
  },

  "GET /repos/{owner}/{repo}/commits/{ref}/status": (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveOr404(repo, ctx.params["ref"]);
    const latest = latestStatuses(repo, sha);
    // per_page and page page through the contexts; the state and the count are of them all.
    const perPage = Math.min(Math.max(int(ctx.query.get("per_page") ?? undefined, 30), 1), 100);
    const page = Math.max(int(ctx.query.get("page") ?? undefined, 1), 1);
    return ok({
      state: combinedState(latest),
      statuses: latest.slice((page - 1) * perPage, page * perPage).map((status) => simpleStatusShape(ctx, repo, status)),
      sha,
      total_count: latest.length,
      repository: repoShape(ctx, repo),
      commit_url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${sha}`,
      url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${sha}/status`,
    });
  },

  "GET /repos/{owner}/{repo}/commits/{ref}/statuses": (ctx) => {
    const repo = repoOf(ctx);
    const sha = resolveOr404(repo, ctx.params["ref"]);
    // "Statuses are returned in reverse chronological order. The first status in the list will
    // be the latest one." (OpenAPI, GET /repos/{owner}/{repo}/commits/{ref}/statuses)
    return paginate(
      ctx,
      statusesOf(repo, sha).map((status) => statusShape(ctx, repo, status)),
    );
  },
};
