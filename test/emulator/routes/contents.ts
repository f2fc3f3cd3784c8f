// Repository contents. Probot's `context.config()` asks for the raw media type, so both the JSON
// and the raw answers matter; writes follow GitHub's sha rules (required to update, must match).
import { HttpError, type Handler, type RouteContext, notFound, ok, repoOf, str } from "../http.js";
import { refuseDirectPush } from "../protection.js";
import { branchSha, commitFiles } from "../repo-ops.js";
import type { Repo } from "../store.js";
import { commitShape } from "../shapes.js";

function wantsRaw(ctx: RouteContext): boolean {
  const accept = String(ctx.headers["accept"] ?? "");
  return /application\/vnd\.github(\.v3)?\.raw/.test(accept);
}

// "If the requested file's size is [...] Between 1-100 MB: Only the raw or object custom media
// types are supported. Both will work as normal, except that when using the object media type,
// the content field will be an empty string and the encoding field will be "none"" (OpenAPI
// description of GET /repos/{owner}/{repo}/contents/{path}, REST docs "Get repository content");
// recorded with the default JSON media type as `content: "", encoding: "none", size: 1240000` in
// gr2m/octokit-plugin-create-pull-request#139 and githubocto/flat-viewer#41. GitHub's sizes are
// binary ("files larger than 100 MiB" in its docs on large files), so 1 MB is 1 MiB here.
const CONTENT_LIMIT = 1024 * 1024;

function entryShape(ctx: RouteContext, repo: Repo, path: string, sha: string, type: string, ref: string, size: number): Record<string, unknown> {
  const api = `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}`;
  const html = `${ctx.webUrl}/${repo.owner}/${repo.name}/blob/${ref}/${path}`;
  return {
    type,
    name: path.split("/").pop() ?? path,
    path,
    sha,
    size,
    url: `${api}/contents/${path}?ref=${ref}`,
    html_url: html,
    git_url: `${api}/git/${type === "dir" ? "trees" : "blobs"}/${sha}`,
    download_url: type === "file" ? `${ctx.webUrl}/raw/${repo.owner}/${repo.name}/${ref}/${path}` : null,
    _links: { self: `${api}/contents/${path}?ref=${ref}`, git: `${api}/git/blobs/${sha}`, html },
  };
}

function getContents(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const path = (ctx.params["path"] ?? "").replace(/^\/+|\/+$/g, "");
  const ref = ctx.query.get("ref") ?? repo.defaultBranch;
  const commitSha = repo.git.resolve(ref);
  if (!commitSha) throw new HttpError(404, `No commit found for the ref ${ref}`);
  const file = repo.git.readFile(commitSha, path);
  if (file) {
    if (wantsRaw(ctx)) return { status: 200, raw: file.content };
    if (file.content.length > CONTENT_LIMIT) {
      return ok({ ...entryShape(ctx, repo, path, file.sha, "file", ref, file.content.length), encoding: "none", content: "" });
    }
    // GitHub wraps base64 at 60 columns; clients must cope with the newlines, so the emulator does too.
    const content = (file.content.toString("base64").match(/.{1,60}/g) ?? []).join("\n");
    return ok({ ...entryShape(ctx, repo, path, file.sha, "file", ref, file.content.length), encoding: "base64", content });
  }
  const tree = repo.git.get(commitSha, "commit")?.tree ?? "";
  const entries = repo.git.listTree(tree, true).filter((e) => path === "" || e.path.startsWith(`${path}/`));
  const children = entries.filter((e) => !e.path.slice(path === "" ? 0 : path.length + 1).includes("/"));
  if (children.length === 0) throw notFound();
  return ok(
    children.map((e) => {
      const size = e.type === "blob" ? (repo.git.get(e.sha, "blob")?.content.length ?? 0) : 0;
      return entryShape(ctx, repo, e.path, e.sha, e.type === "tree" ? "dir" : "file", ref, size);
    }),
  );
}

function writeContents(ctx: RouteContext, deleting: boolean): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const path = ctx.params["path"] ?? "";
  const branch = str(ctx, "branch") ?? repo.defaultBranch;
  const head = branchSha(repo, branch);
  if (!head) throw new HttpError(404, `Branch ${branch} not found`);
  const existing = repo.git.readFile(head, path);
  const sha = str(ctx, "sha");
  if (deleting && !existing) throw notFound();
  if (existing && sha === undefined) throw new HttpError(422, `Invalid request.\n\n"sha" wasn't supplied.`);
  if (existing && sha !== existing.sha) throw new HttpError(409, `${path} does not match ${sha ?? ""}`);
  // The commit would be new, so no required check can be green on it yet ("" has none).
  // GitHub signs an app's commit when the request names no author or committer of its own.
  const signed = ctx.actor.type === "Bot" && ctx.body["committer"] === undefined && ctx.body["author"] === undefined;
  refuseDirectPush(repo, branch, ctx.actor, "", { kind: "contents", creating: !existing, signed });
  const content = deleting ? null : Buffer.from(str(ctx, "content") ?? "", "base64").toString("utf8");
  const author = (ctx.body["committer"] as { name?: string } | undefined)?.name ?? ctx.actor.login;
  const commit = commitFiles(repo, branch, { [path]: content }, str(ctx, "message") ?? "", author);
  if (signed) repo.signed.add(commit);
  const written = deleting ? undefined : repo.git.readFile(commit, path);
  return ok(
    {
      content: written ? entryShape(ctx, repo, path, written.sha, "file", branch, written.content.length) : null,
      commit: commitShape(ctx, repo, commit),
    },
    existing || deleting ? 200 : 201,
  );
}

export const contentsRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/contents/{path}": getContents,
  "PUT /repos/{owner}/{repo}/contents/{path}": (ctx) => writeContents(ctx, false),
  "DELETE /repos/{owner}/{repo}/contents/{path}": (ctx) => writeContents(ctx, true),
};
