// Issues, labels, comments and reactions. Every PR number is also an issue number here, so the
// bot can comment on and label PRs through the issues API as it does on GitHub.
import { type Handler, type RouteContext, noContent, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { labelNames, newIssue } from "../repo-ops.js";
import { commentShape, issueShape, labelShape, reactionShape } from "../shapes.js";
import { type Comment, type Issue, type Reaction, type Repo, now } from "../store.js";

function issueOr404(ctx: RouteContext): { repo: Repo; issue: Issue } {
  const repo = repoOf(ctx);
  const issue = repo.issues.get(numberParam(ctx, "issue_number"));
  if (!issue) throw notFound();
  return { repo, issue };
}

function commentOr404(ctx: RouteContext): { repo: Repo; comment: Comment } {
  const repo = repoOf(ctx);
  const id = numberParam(ctx, "comment_id");
  const comment = repo.comments.find((c) => c.id === id);
  if (!comment) throw notFound();
  return { repo, comment };
}

// Like GitHub, the list includes pull requests; clients filter on `pull_request`.
function listIssues(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const state = ctx.query.get("state") ?? "open";
  const labels = (ctx.query.get("labels") ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  const creator = ctx.query.get("creator");
  const since = ctx.query.get("since");
  const sort = ctx.query.get("sort") ?? "created";
  const direction = ctx.query.get("direction") ?? "desc";
  const rows = [...repo.issues.values()].filter(
    (i) =>
      (state === "all" || i.state === state) &&
      labels.every((l) => i.labels.includes(l)) &&
      (!creator || i.user.login === creator) &&
      (!since || i.updated_at >= since),
  );
  const key = (i: Issue): string => (sort === "updated" ? i.updated_at : i.created_at);
  rows.sort((a, b) => {
    const order = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : a.number - b.number;
    return direction === "asc" ? order : -order;
  });
  return paginate(
    ctx,
    rows.map((i) => issueShape(ctx, repo, i)),
  );
}

function updateIssue(ctx: RouteContext): ReturnType<Handler> {
  const { repo, issue } = issueOr404(ctx);
  const title = str(ctx, "title");
  const state = str(ctx, "state");
  const was = { title: issue.title, body: issue.body, state: issue.state, labels: [...issue.labels] };
  if (title !== undefined) issue.title = title;
  if ("body" in ctx.body) issue.body = str(ctx, "body") ?? null;
  if ("labels" in ctx.body) issue.labels = [...new Set(labelNames(ctx.body["labels"]))];
  if (Array.isArray(ctx.body["assignees"])) issue.assignees = ctx.body["assignees"] as string[];
  if ((state === "open" || state === "closed") && state !== issue.state) {
    issue.state = state;
    issue.closed_at = state === "closed" ? now() : null;
    issue.state_reason = state === "closed" ? (str(ctx, "state_reason") ?? "completed") : "reopened";
  }
  issue.updated_at = now();
  // `edited` carries what the title or body was (`changes`), then a state change, then labels.
  const changes = {
    ...(issue.title !== was.title ? { title: { from: was.title } } : {}),
    ...(issue.body !== was.body ? { body: { from: was.body ?? "" } } : {}),
  };
  const hooks = ctx.store.webhooks;
  if (Object.keys(changes).length > 0) hooks?.issues(repo, "edited", issue, ctx.actor, { changes });
  if (issue.state !== was.state) hooks?.issues(repo, issue.state === "closed" ? "closed" : "reopened", issue, ctx.actor);
  hooks?.labels(repo, issue, was.labels, ctx.actor);
  return ok(issueShape(ctx, repo, issue));
}

function react(ctx: RouteContext, repo: Repo, key: string): ReturnType<Handler> {
  const content = str(ctx, "content") ?? "";
  const list = repo.reactions.get(key) ?? [];
  const existing = list.find((r) => r.content === content && r.user.login === ctx.actor.login);
  // GitHub answers 200 with the existing reaction when the same user reacts twice.
  if (existing) return ok(reactionShape(ctx, existing), 200);
  const reaction: Reaction = { id: ctx.store.id(), content, user: ctx.actor, created_at: now() };
  repo.reactions.set(key, [...list, reaction]);
  return ok(reactionShape(ctx, reaction), 201);
}

function listReactions(ctx: RouteContext, repo: Repo, key: string): ReturnType<Handler> {
  const content = ctx.query.get("content");
  const list = (repo.reactions.get(key) ?? []).filter((r) => !content || r.content === content);
  return paginate(
    ctx,
    list.map((r) => reactionShape(ctx, r)),
  );
}

export const issueRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/issues": listIssues,

  "POST /repos/{owner}/{repo}/issues": (ctx) => {
    const repo = repoOf(ctx);
    const number = newIssue(repo, ctx.store.id(), {
      title: String(ctx.body["title"] ?? ""),
      body: str(ctx, "body") ?? null,
      labels: labelNames(ctx.body["labels"]),
      user: ctx.actor,
      isPullRequest: false,
    });
    const issue = repo.issues.get(number);
    if (!issue) throw notFound();
    if (Array.isArray(ctx.body["assignees"])) issue.assignees = ctx.body["assignees"] as string[];
    ctx.store.webhooks?.issues(repo, "opened", issue, ctx.actor);
    ctx.store.webhooks?.labels(repo, issue, [], ctx.actor);
    return ok(issueShape(ctx, repo, issue), 201);
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    return ok(issueShape(ctx, repo, issue));
  },

  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": updateIssue,

  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    return paginate(
      ctx,
      issue.labels.map((l) => labelShape(ctx, repo, l)),
    );
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    const added = Array.isArray(ctx.body) ? labelNames(ctx.body) : labelNames(ctx.body["labels"]);
    const before = [...issue.labels];
    issue.labels = [...new Set([...issue.labels, ...added])];
    issue.updated_at = now();
    ctx.store.webhooks?.labels(repo, issue, before, ctx.actor);
    return ok(issue.labels.map((l) => labelShape(ctx, repo, l)));
  },

  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    const before = [...issue.labels];
    issue.labels = [...new Set(Array.isArray(ctx.body) ? labelNames(ctx.body) : labelNames(ctx.body["labels"]))];
    issue.updated_at = now();
    ctx.store.webhooks?.labels(repo, issue, before, ctx.actor);
    return ok(issue.labels.map((l) => labelShape(ctx, repo, l)));
  },

  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    const name = ctx.params["name"] ?? "";
    if (!issue.labels.includes(name)) throw notFound();
    const before = [...issue.labels];
    issue.labels = issue.labels.filter((l) => l !== name);
    ctx.store.webhooks?.labels(repo, issue, before, ctx.actor);
    return ok(issue.labels.map((l) => labelShape(ctx, repo, l)));
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    const since = ctx.query.get("since");
    const comments = repo.comments.filter((c) => c.issueNumber === issue.number && (!since || c.updated_at >= since));
    return paginate(
      ctx,
      comments.map((c) => commentShape(ctx, repo, c)),
    );
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    const at = now();
    const comment: Comment = { id: ctx.store.id(), issueNumber: issue.number, body: str(ctx, "body") ?? "", user: ctx.actor, created_at: at, updated_at: at };
    repo.comments.push(comment);
    ctx.store.webhooks?.issueComment(repo, "created", issue, comment, ctx.actor);
    return ok(commentShape(ctx, repo, comment), 201);
  },

  "GET /repos/{owner}/{repo}/issues/comments": (ctx) => {
    const repo = repoOf(ctx);
    const since = ctx.query.get("since");
    const comments = repo.comments.filter((c) => !since || c.updated_at >= since);
    if (ctx.query.get("direction") === "desc") comments.reverse();
    return paginate(
      ctx,
      comments.map((c) => commentShape(ctx, repo, c)),
    );
  },

  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo, comment } = commentOr404(ctx);
    return ok(commentShape(ctx, repo, comment));
  },

  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo, comment } = commentOr404(ctx);
    const from = comment.body;
    comment.body = str(ctx, "body") ?? comment.body;
    comment.updated_at = now();
    const issue = repo.issues.get(comment.issueNumber);
    if (issue && from !== comment.body) ctx.store.webhooks?.issueComment(repo, "edited", issue, comment, ctx.actor, { changes: { body: { from } } });
    return ok(commentShape(ctx, repo, comment));
  },

  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": (ctx) => {
    const { repo, comment } = commentOr404(ctx);
    repo.comments.splice(repo.comments.indexOf(comment), 1);
    const issue = repo.issues.get(comment.issueNumber);
    if (issue) ctx.store.webhooks?.issueComment(repo, "deleted", issue, comment, ctx.actor);
    return noContent();
  },

  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": (ctx) => {
    const { repo, comment } = commentOr404(ctx);
    return listReactions(ctx, repo, `comment:${comment.id}`);
  },

  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": (ctx) => {
    const { repo, comment } = commentOr404(ctx);
    return react(ctx, repo, `comment:${comment.id}`);
  },

  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    return listReactions(ctx, repo, `issue:${issue.number}`);
  },

  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": (ctx) => {
    const { repo, issue } = issueOr404(ctx);
    return react(ctx, repo, `issue:${issue.number}`);
  },
};
