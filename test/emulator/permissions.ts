// The GitHub App's permissions, enforced per route as GitHub does for installation tokens: a call
// the app's `default_permissions` (app.yml) do not cover answers 403 "Resource not accessible by
// integration", with the `x-accepted-github-permissions` header naming what would have worked.
// Person tokens (`gh.userToken`) are not limited this way; neither is app authentication (JWT).
//
// Sources:
// - the route table below is GitHub's own data behind "Permissions required for GitHub Apps",
//   github/docs src/github-apps/data/fpt-2022-11-28/server-to-server-permissions.json
//   (https://docs.github.com/rest/authentication/permissions-required-for-github-apps); an
//   endpoint listed under several permissions (issue comments under Issues and Pull requests)
//   accepts either;
// - the 403 message and header format: "Troubleshooting the REST API", section "Resource not
//   accessible" (https://docs.github.com/rest/using-the-rest-api/troubleshooting-the-rest-api):
//   comma-separated permissions, alternative sets separated by a semicolon; the header itself is
//   https://github.blog/changelog/2023-08-10-x-accepted-github-permissions-header-for-fine-grained-permission-actors
//   and GitHub sends it on every answer to a fine-grained actor, not only on a refusal;
// - the body `{ message, documentation_url, status: "403" }` as recorded for POST git/refs in
//   ratatui/ratatui#2118.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Reply } from "./http.js";
import type { Repo, Store } from "./store.js";

export type AppPermissions = Readonly<Record<string, string>>;

/**
 * Route template → the permission sets that allow it (`a:read,b:write` is one set, `|` separates
 * alternatives). Routes not listed (app authentication, `GET /search/issues`, which answers what
 * the token can see) are not checked.
 */
export const REQUIRED: Readonly<Record<string, string>> = {
  "GET /repos/{owner}/{repo}": "metadata:read",
  "GET /repos/{owner}/{repo}/tags": "metadata:read",
  "GET /repos/{owner}/{repo}/collaborators/{username}/permission": "metadata:read",
  "GET /repos/{owner}/{repo}/branches": "contents:read",
  "GET /repos/{owner}/{repo}/branches/{branch}": "contents:read",
  "GET /repos/{owner}/{repo}/branches/{branch}/protection": "administration:read",
  "GET /repos/{owner}/{repo}/rules/branches/{branch}": "metadata:read",
  "GET /repos/{owner}/{repo}/rulesets/{ruleset_id}": "metadata:read",
  "GET /repos/{owner}/{repo}/commits": "contents:read",
  "GET /repos/{owner}/{repo}/commits/{ref}": "contents:read",
  "GET /repos/{owner}/{repo}/compare/{basehead}": "contents:read",
  "GET /repos/{owner}/{repo}/compare/{base}...{head}": "contents:read",
  "GET /repos/{owner}/{repo}/contents/{path}": "contents:read",
  "PUT /repos/{owner}/{repo}/contents/{path}": "contents:write",
  "DELETE /repos/{owner}/{repo}/contents/{path}": "contents:write",
  "GET /repos/{owner}/{repo}/git/ref/{ref}": "contents:read",
  "GET /repos/{owner}/{repo}/git/matching-refs/{ref}": "contents:read",
  "POST /repos/{owner}/{repo}/git/refs": "contents:write",
  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": "contents:write",
  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": "contents:write",
  "POST /repos/{owner}/{repo}/git/blobs": "contents:write",
  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": "contents:read",
  "POST /repos/{owner}/{repo}/git/trees": "contents:write",
  "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": "contents:read",
  "POST /repos/{owner}/{repo}/git/commits": "contents:write",
  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": "contents:read",
  "POST /repos/{owner}/{repo}/git/tags": "contents:write",
  "GET /repos/{owner}/{repo}/git/tags/{tag_sha}": "contents:read",
  "POST /repos/{owner}/{repo}/dispatches": "contents:write",
  "GET /repos/{owner}/{repo}/releases": "contents:read",
  "POST /repos/{owner}/{repo}/releases": "contents:write",
  "GET /repos/{owner}/{repo}/releases/latest": "contents:read",
  "GET /repos/{owner}/{repo}/releases/tags/{tag}": "contents:read",
  "GET /repos/{owner}/{repo}/releases/{release_id}": "contents:read",
  "PATCH /repos/{owner}/{repo}/releases/{release_id}": "contents:write",
  "DELETE /repos/{owner}/{repo}/releases/{release_id}": "contents:write",
  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": "contents:write",
  "GET /repos/{owner}/{repo}/pulls": "pull_requests:read",
  "POST /repos/{owner}/{repo}/pulls": "pull_requests:write",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}": "pull_requests:read|contents:read",
  "PATCH /repos/{owner}/{repo}/pulls/{pull_number}": "pull_requests:write",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/files": "pull_requests:read",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": "pull_requests:read",
  "GET /repos/{owner}/{repo}/pulls/{pull_number}/reviews": "pull_requests:read",
  "POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews": "pull_requests:write",
  "GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls": "pull_requests:read",
  "GET /repos/{owner}/{repo}/issues": "issues:read",
  "POST /repos/{owner}/{repo}/issues": "issues:write",
  "GET /repos/{owner}/{repo}/issues/{issue_number}": "issues:read",
  "PATCH /repos/{owner}/{repo}/issues/{issue_number}": "issues:write|pull_requests:write",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/labels": "issues:read|pull_requests:read",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/labels": "issues:write|pull_requests:write",
  "PUT /repos/{owner}/{repo}/issues/{issue_number}/labels": "issues:write|pull_requests:write",
  "DELETE /repos/{owner}/{repo}/issues/{issue_number}/labels/{name}": "issues:write|pull_requests:write",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/comments": "issues:read|pull_requests:read",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/comments": "issues:write|pull_requests:write",
  "GET /repos/{owner}/{repo}/issues/comments": "issues:read|pull_requests:read",
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}": "issues:read|pull_requests:read",
  "PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}": "issues:write|pull_requests:write",
  "DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}": "issues:write|pull_requests:write",
  "GET /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": "issues:read",
  "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions": "issues:write",
  "GET /repos/{owner}/{repo}/issues/{issue_number}/reactions": "issues:read",
  "POST /repos/{owner}/{repo}/issues/{issue_number}/reactions": "issues:write",
  "GET /repos/{owner}/{repo}/deployments": "deployments:read",
  "POST /repos/{owner}/{repo}/deployments": "deployments:write",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}": "deployments:read",
  "DELETE /repos/{owner}/{repo}/deployments/{deployment_id}": "deployments:write",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": "deployments:read",
  "POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses": "deployments:write",
  "GET /repos/{owner}/{repo}/deployments/{deployment_id}/statuses/{status_id}": "deployments:read",
  "POST /repos/{owner}/{repo}/check-runs": "checks:write",
  "GET /repos/{owner}/{repo}/check-runs/{check_run_id}": "checks:read",
  "PATCH /repos/{owner}/{repo}/check-runs/{check_run_id}": "checks:write",
  "GET /repos/{owner}/{repo}/commits/{ref}/check-runs": "checks:read",
  "POST /repos/{owner}/{repo}/statuses/{sha}": "statuses:write",
  "GET /repos/{owner}/{repo}/commits/{ref}/status": "statuses:read",
  "GET /repos/{owner}/{repo}/commits/{ref}/statuses": "statuses:read",
  "POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches": "actions:write",
  // An organisation permission ("Members" in the same data), asked for deployers and approvers given as teams.
  "GET /orgs/{org}/teams/{team_slug}/memberships/{username}": "members:read",
};

type Requirement = readonly { readonly permission: string; readonly level: string }[];

function alternatives(spec: string): Requirement[] {
  return spec.split("|").map((set) =>
    set.split(",").map((item) => {
      const [permission = "", level = "read"] = item.split(":");
      return { permission, level };
    }),
  );
}

const RANK: Readonly<Record<string, number>> = { read: 1, write: 2, admin: 3 };

function allows(granted: AppPermissions, set: Requirement): boolean {
  return set.every(({ permission, level }) => (RANK[granted[permission] ?? ""] ?? 0) >= (RANK[level] ?? 9));
}

function header(sets: readonly Requirement[]): string {
  return sets.map((set) => set.map(({ permission, level }) => `${permission}=${level}`).join(",")).join("; ");
}

/** `default_permissions` of the project's app.yml: what Probot's setup flow registers the app with. */
export function loadAppPermissions(file = fileURLToPath(new URL("../../app.yml", import.meta.url))): AppPermissions {
  const manifest = parse(readFileSync(file, "utf8")) as { default_permissions?: Record<string, string> } | null;
  return { ...(manifest?.default_permissions ?? {}) };
}

const DOCS = "https://docs.github.com/rest";

function notAccessible(accepted: string): Reply {
  return {
    status: 403,
    headers: { "x-accepted-github-permissions": accepted },
    body: { message: "Resource not accessible by integration", documentation_url: DOCS, status: "403" },
  };
}

export interface PermissionRequest {
  readonly store: Store;
  readonly key: string;
  readonly params: Readonly<Record<string, string>>;
  readonly body: Record<string, unknown>;
}

export interface PermissionVerdict {
  /** The refusal, when the app may not make this call. */
  readonly refusal?: Reply;
  /** `x-accepted-github-permissions` for every answer to this route. */
  readonly accepted?: string;
}

/** Whether the app's installation token may make this call, and the header GitHub adds. */
export function checkPermissions(request: PermissionRequest): PermissionVerdict {
  const spec = REQUIRED[request.key];
  if (spec === undefined) return {};
  const sets = alternatives(spec);
  const accepted = header(sets);
  const granted = request.store.appPermissions;
  if (!sets.some((set) => allows(granted, set))) return { refusal: notAccessible(accepted), accepted };
  if (!allows(granted, [{ permission: "workflows", level: "write" }])) {
    const refusal = workflowsRefusal(request);
    if (refusal) return { refusal, accepted };
  }
  return { accepted };
}

// The `workflows` rule. "Some endpoints that require write access to the repository Contents
// permission also require write access to the repository Workflows permission if the request
// will affect workflow files" (Permissions required for GitHub Apps; its Workflows section lists
// PUT/DELETE contents, POST git/refs, PATCH git/refs/{ref} and POST releases). For releases the
// OpenAPI description of POST releases and PATCH releases/{release_id} says when: the target
// commit "adds or modifies any file under `.github/workflows/` relative to the repository's
// default branch", answering `404 Not Found` ("some authentication paths surface 403 Resource not
// accessible by integration instead"). Refs follow the same comparison, as issue #14 item 3 found;
// a removed workflow file counts as a difference too, which is stricter than "adds or modifies".
const WORKFLOWS = ".github/workflows/";

function workflowFiles(repo: Repo, commit: string | undefined): string {
  const tree = commit ? repo.git.get(commit, "commit")?.tree : undefined;
  if (!tree) return "";
  const files = [...repo.git.flatten(tree).entries()].filter(([path]) => path.startsWith(WORKFLOWS));
  return files.map(([path, entry]) => `${path}:${entry.sha}`).join("\n");
}

function differsFromDefaultBranch(repo: Repo, commit: string | undefined): boolean {
  if (commit === undefined || !repo.git.get(commit, "commit")) return false;
  return workflowFiles(repo, commit) !== workflowFiles(repo, repo.git.refs.get(`refs/heads/${repo.defaultBranch}`));
}

function workflowsRefusal({ store, key, params, body }: PermissionRequest): Reply | undefined {
  const repo = store.repo(params["owner"] ?? "", params["repo"] ?? "");
  if (!repo) return undefined;
  const text = (name: string): string | undefined => (typeof body[name] === "string" ? (body[name] as string) : undefined);
  const needs = `contents=write,workflows=write`;
  switch (key) {
    case "PUT /repos/{owner}/{repo}/contents/{path}":
    case "DELETE /repos/{owner}/{repo}/contents/{path}":
      return (params["path"] ?? "").replace(/^\/+/, "").startsWith(WORKFLOWS) ? notAccessible(needs) : undefined;
    case "POST /repos/{owner}/{repo}/git/refs":
    case "PATCH /repos/{owner}/{repo}/git/refs/{ref}": {
      const sha = text("sha");
      return sha !== undefined && differsFromDefaultBranch(repo, repo.git.peel(sha)) ? notAccessible(needs) : undefined;
    }
    case "POST /repos/{owner}/{repo}/releases":
    case "PATCH /repos/{owner}/{repo}/releases/{release_id}": {
      const existing = repo.releases.find((r) => String(r.id) === params["release_id"]);
      const tag = text("tag_name") ?? existing?.tag_name ?? "";
      const tagged = repo.git.refs.get(`refs/tags/${tag}`);
      const target = tagged ? repo.git.peel(tagged) : repo.git.resolve(text("target_commitish") ?? existing?.target_commitish ?? repo.defaultBranch);
      if (!differsFromDefaultBranch(repo, target)) return undefined;
      return { status: 404, headers: { "x-accepted-github-permissions": needs }, body: { message: "Not Found", documentation_url: DOCS, status: "404" } };
    }
    default:
      return undefined;
  }
}
