// Check runs, workflow and repository dispatches, collaborator permissions and issue search:
// small endpoints whose effect a test asserts on (what was dispatched, what was reported).
import { HttpError, type Handler, type RouteContext, noContent, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { checkRunShape, issueShape, userShape } from "../shapes.js";
import { type CheckRun, type Repo, now } from "../store.js";
import { dispatchWorkflow, runDetails } from "../workflows.js";

const ROLE: Record<string, string> = { admin: "admin", maintain: "maintain", write: "write", triage: "triage", read: "read", none: "none" };
// The legacy `permission` field only knows admin/write/read/none; maintain and triage fold into it.
const LEGACY: Record<string, string> = { admin: "admin", maintain: "write", write: "write", triage: "read", read: "read", none: "none" };

function applyCheckRun(ctx: RouteContext, run: CheckRun): void {
  const status = str(ctx, "status");
  const conclusion = str(ctx, "conclusion");
  if (str(ctx, "name") !== undefined) run.name = str(ctx, "name") ?? run.name;
  if (status !== undefined) run.status = status;
  if (conclusion !== undefined) {
    run.conclusion = conclusion;
    run.status = "completed";
  }
  if (run.status === "completed" && !run.completed_at) run.completed_at = str(ctx, "completed_at") ?? now();
  if ("details_url" in ctx.body) run.details_url = str(ctx, "details_url") ?? null;
  if ("external_id" in ctx.body) run.external_id = str(ctx, "external_id") ?? null;
  const output = ctx.body["output"] as { title?: string; summary?: string; text?: string } | undefined;
  if (output) run.output = { title: output.title ?? null, summary: output.summary ?? null, text: output.text ?? null };
  const annotations = (ctx.body["output"] as { annotations?: NonNullable<CheckRun["annotations"]> } | undefined)?.annotations;
  if (annotations) run.annotations = [...(run.annotations ?? []), ...annotations];
}

/** The subset of GitHub's search syntax bots use to find their own issues. */
function searchIssues(ctx: RouteContext): ReturnType<Handler> {
  const q = ctx.query.get("q") ?? "";
  const terms = q.match(/"[^"]*"|\S+/g) ?? [];
  const repos: Repo[] = [];
  const words: string[] = [];
  const filters: ((repo: Repo, n: number) => boolean)[] = [];
  for (const raw of terms) {
    const term = raw.replace(/^"|"$/g, "");
    const [key, ...rest] = term.split(":");
    const value = rest.join(":").replace(/^"|"$/g, "");
    if (rest.length === 0 || raw.startsWith('"')) {
      words.push(term.toLowerCase());
      continue;
    }
    if (key === "repo") {
      const [owner = "", name = ""] = value.split("/");
      const repo = ctx.store.repo(owner, name);
      if (repo) repos.push(repo);
    } else if (key === "is" || key === "type") {
      filters.push((repo, n) => {
        const issue = repo.issues.get(n);
        if (!issue) return false;
        if (value === "issue") return !issue.isPullRequest;
        if (value === "pr") return issue.isPullRequest;
        if (value === "open" || value === "closed") return issue.state === value;
        if (value === "merged") return repo.pulls.get(n)?.merged_at != null;
        return true;
      });
    } else if (key === "state") {
      filters.push((repo, n) => repo.issues.get(n)?.state === value);
    } else if (key === "label") {
      filters.push((repo, n) => repo.issues.get(n)?.labels.includes(value) === true);
    } else if (key === "author") {
      filters.push((repo, n) => repo.issues.get(n)?.user.login === value);
    } else if (key !== "in") {
      words.push(term.toLowerCase());
    }
  }
  if (!q.includes("repo:"))
    throw new HttpError(422, "Validation Failed", [{ message: "emulator: search needs a repo: qualifier", resource: "Search", field: "q", code: "invalid" }]);
  const items = repos.flatMap((repo) =>
    [...repo.issues.values()]
      .filter((issue) => filters.every((f) => f(repo, issue.number)))
      .filter((issue) => words.every((w) => `${issue.title}\n${issue.body ?? ""}`.toLowerCase().includes(w)))
      .sort((a, b) => b.number - a.number)
      .map((issue) => ({ ...issueShape(ctx, repo, issue), score: 1 })),
  );
  const page = paginate(ctx, items);
  return { ...page, body: { total_count: items.length, incomplete_results: false, items: page.body } };
}

export const miscRoutes: Record<string, Handler> = {
  "POST /repos/{owner}/{repo}/check-runs": (ctx) => {
    const repo = repoOf(ctx);
    const headSha = str(ctx, "head_sha") ?? "";
    if (!repo.git.get(headSha, "commit")) throw new HttpError(422, "No commit found for SHA: " + headSha);
    const run: CheckRun = {
      id: ctx.store.id(),
      name: str(ctx, "name") ?? "",
      head_sha: headSha,
      status: "queued",
      conclusion: null,
      details_url: null,
      external_id: null,
      output: { title: null, summary: null, text: null },
      started_at: str(ctx, "started_at") ?? now(),
      completed_at: null,
    };
    applyCheckRun(ctx, run);
    repo.checkRuns.push(run);
    ctx.store.webhooks?.checkRun(repo, "created", run, ctx.actor);
    if (run.status === "completed") ctx.store.webhooks?.checkRun(repo, "completed", run, ctx.actor);
    return ok(checkRunShape(ctx, repo, run, ctx.store.app), 201);
  },

  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.find((r) => r.id === numberParam(ctx, "check_run_id"));
    if (!run) throw notFound();
    return ok(checkRunShape(ctx, repo, run, ctx.store.app));
  },

  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": (ctx) => {
    const repo = repoOf(ctx);
    const run = repo.checkRuns.find((r) => r.id === numberParam(ctx, "check_run_id"));
    if (!run) throw notFound();
    const was = run.status;
    applyCheckRun(ctx, run);
    if (was !== "completed" && run.status === "completed") ctx.store.webhooks?.checkRun(repo, "completed", run, ctx.actor);
    return ok(checkRunShape(ctx, repo, run, ctx.store.app));
  },

  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches": (ctx) => {
    const { dispatch, details } = dispatchWorkflow(ctx, ctx.store, repoOf(ctx));
    return details ? ok(runDetails(ctx, dispatch)) : noContent();
  },

  "POST /repos/{owner}/{repo}/dispatches": (ctx) => {
    const repo = repoOf(ctx);
    ctx.store.repositoryDispatches.push({
      owner: repo.owner,
      repo: repo.name,
      event_type: str(ctx, "event_type") ?? "",
      client_payload: (ctx.body["client_payload"] as Record<string, unknown> | undefined) ?? {},
      at: now(),
    });
    return noContent();
  },

  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": (ctx) => {
    const repo = repoOf(ctx);
    const login = ctx.params["username"] ?? "";
    // Anyone can read a public repository, so an unknown user has "read".
    const role = ROLE[repo.permissions.get(login) ?? "read"] ?? "read";
    return ok({ permission: LEGACY[role] ?? "read", role_name: role, user: userShape(ctx, { login, type: "User" }) });
  },

  "GET /search/issues": searchIssues,
};
