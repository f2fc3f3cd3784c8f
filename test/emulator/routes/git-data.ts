// The Git database API. Ref creation is atomic and answers 422 when the ref exists, because the
// bot's environment locks are refs and depend on exactly that.
import { HttpError, type Handler, type RouteContext, noContent, notFound, ok, repoOf, str, unprocessable } from "../http.js";
import { refuseDirectPush } from "../protection.js";
import { signature } from "../repo-ops.js";
import { gitUserShape, refShape } from "../shapes.js";
import type { FlatEntry, Signature } from "../git.js";
import type { Repo } from "../store.js";

// The ref endpoints take `heads/main`, not `refs/heads/main`; the emulator also accepts the
// latter, which may be more lenient than GitHub.
function fullRef(param: string | undefined): string {
  const ref = (param ?? "").replace(/^refs\//, "");
  return `refs/${ref}`;
}

function gitSignature(ctx: RouteContext, key: string): Signature {
  const value = ctx.body[key] as { name?: string; email?: string; date?: string } | undefined;
  const fallback = signature(ctx.actor.login);
  return { name: value?.name ?? fallback.name, email: value?.email ?? fallback.email, date: value?.date ?? fallback.date };
}

function gitCommitShape(ctx: RouteContext, repo: Repo, sha: string): Record<string, unknown> {
  const commit = repo.git.get(sha, "commit");
  if (!commit) throw notFound();
  const api = `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}`;
  return {
    sha,
    node_id: `C_${sha}`,
    url: `${api}/git/commits/${sha}`,
    html_url: `${ctx.webUrl}/${repo.owner}/${repo.name}/commit/${sha}`,
    author: gitUserShape(commit.author),
    committer: gitUserShape(commit.committer),
    message: commit.message,
    tree: { sha: commit.tree, url: `${api}/git/trees/${commit.tree}` },
    parents: commit.parents.map((p) => ({ sha: p, url: `${api}/git/commits/${p}`, html_url: `${ctx.webUrl}/${repo.owner}/${repo.name}/commit/${p}` })),
    verification: repo.signed.has(sha)
      ? {
          verified: true,
          reason: "valid",
          signature: "-----BEGIN PGP SIGNATURE-----\n(emulator)\n-----END PGP SIGNATURE-----",
          payload: commit.message,
          verified_at: commit.committer.date,
        }
      : { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

function gitTagShape(ctx: RouteContext, repo: Repo, sha: string): Record<string, unknown> {
  const tag = repo.git.get(sha, "tag");
  if (!tag) throw notFound();
  const api = `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}`;
  return {
    node_id: `TAG_${sha}`,
    sha,
    tag: tag.tag,
    message: tag.message,
    tagger: gitUserShape(tag.tagger),
    object: { sha: tag.object, type: tag.objectType, url: `${api}/git/${tag.objectType}s/${tag.object}` },
    url: `${api}/git/tags/${sha}`,
    verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null },
  };
}

function treeShape(ctx: RouteContext, repo: Repo, sha: string, recursive: boolean): Record<string, unknown> {
  if (!repo.git.get(sha, "tree")) throw notFound();
  const api = `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}`;
  return {
    sha,
    url: `${api}/git/trees/${sha}`,
    truncated: false,
    tree: repo.git.listTree(sha, recursive).map((e) => ({
      path: e.path,
      mode: e.mode,
      type: e.type,
      sha: e.sha,
      url: `${api}/git/${e.type}s/${e.sha}`,
      ...(e.type === "blob" ? { size: repo.git.get(e.sha, "blob")?.content.length ?? 0 } : {}),
    })),
  };
}

function createTree(ctx: RouteContext): ReturnType<Handler> {
  const repo = repoOf(ctx);
  const baseTree = str(ctx, "base_tree");
  if (baseTree && !repo.git.get(baseTree, "tree")) throw unprocessable("Invalid tree info");
  const flat = baseTree ? repo.git.flatten(baseTree) : new Map<string, FlatEntry>();
  const entries = (ctx.body["tree"] ?? []) as { path: string; mode: string; type: string; sha?: string | null; content?: string }[];
  for (const entry of entries) {
    if (entry.sha === null) {
      // GitHub deletes a path (file or whole directory) given `sha: null`.
      for (const key of [...flat.keys()]) if (key === entry.path || key.startsWith(`${entry.path}/`)) flat.delete(key);
      continue;
    }
    if (entry.content !== undefined) {
      flat.set(entry.path, { mode: entry.mode, sha: repo.git.writeBlob(entry.content) });
    } else if (entry.type === "tree" && entry.sha) {
      if (!repo.git.get(entry.sha, "tree")) throw unprocessable(`Invalid tree info: ${entry.sha} is not a tree`);
      for (const key of [...flat.keys()]) if (key.startsWith(`${entry.path}/`)) flat.delete(key);
      for (const [p, e] of repo.git.flatten(entry.sha)) flat.set(`${entry.path}/${p}`, e);
    } else if (entry.sha) {
      if (!repo.git.get(entry.sha, "blob")) throw unprocessable(`Invalid tree info: ${entry.sha} is not a blob`);
      flat.set(entry.path, { mode: entry.mode, sha: entry.sha });
    } else {
      throw unprocessable("Must supply either tree.sha or tree.content");
    }
  }
  return ok(treeShape(ctx, repo, repo.git.writeTree(flat), false), 201);
}

export const gitDataRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/git/ref/{ref}": (ctx) => {
    const repo = repoOf(ctx);
    const ref = fullRef(ctx.params["ref"]);
    const sha = repo.git.refs.get(ref);
    if (!sha) throw notFound();
    return ok(refShape(ctx, repo, ref, sha));
  },

  "GET /repos/{owner}/{repo}/git/matching-refs/{ref}": (ctx) => {
    const repo = repoOf(ctx);
    const prefix = fullRef(ctx.params["ref"]);
    const refs = [...repo.git.refs.entries()].filter(([name]) => name.startsWith(prefix)).sort(([a], [b]) => (a < b ? -1 : 1));
    return ok(refs.map(([name, sha]) => refShape(ctx, repo, name, sha)));
  },

  "POST /repos/{owner}/{repo}/git/refs": (ctx) => {
    const repo = repoOf(ctx);
    const ref = str(ctx, "ref") ?? "";
    const sha = str(ctx, "sha") ?? "";
    if (!/^refs\/[^/]+\/.+/.test(ref)) {
      throw unprocessable("Reference name must start with 'refs' and have at least two slashes.");
    }
    if (!repo.git.objects.has(sha)) throw unprocessable("Object does not exist");
    if (repo.git.refs.has(ref)) throw unprocessable("Reference already exists");
    repo.git.refs.set(ref, sha);
    return ok(refShape(ctx, repo, ref, sha), 201);
  },

  "PATCH /repos/{owner}/{repo}/git/refs/{ref}": (ctx) => {
    const repo = repoOf(ctx);
    const ref = fullRef(ctx.params["ref"]);
    const sha = str(ctx, "sha") ?? "";
    const current = repo.git.refs.get(ref);
    if (!current) throw unprocessable("Reference does not exist");
    if (!repo.git.objects.has(sha)) throw unprocessable("Object does not exist");
    const bothCommits = repo.git.get(current, "commit") && repo.git.get(sha, "commit");
    const fastForward = !bothCommits || repo.git.isAncestor(current, sha);
    if (ctx.body["force"] !== true && !fastForward) {
      throw unprocessable("Update is not a fast forward");
    }
    // A protected branch or one a ruleset covers refuses a direct move (protection.ts).
    if (ref.startsWith("refs/heads/")) refuseDirectPush(repo, ref.slice("refs/heads/".length), ctx.actor, sha, { kind: "ref", fastForward });
    repo.git.refs.set(ref, sha);
    return ok(refShape(ctx, repo, ref, sha));
  },

  "DELETE /repos/{owner}/{repo}/git/refs/{ref}": (ctx) => {
    const repo = repoOf(ctx);
    const ref = fullRef(ctx.params["ref"]);
    if (!repo.git.refs.delete(ref)) throw unprocessable("Reference does not exist");
    return noContent();
  },

  "POST /repos/{owner}/{repo}/git/blobs": (ctx) => {
    const repo = repoOf(ctx);
    const encoding = str(ctx, "encoding") ?? "utf-8";
    const content = Buffer.from(str(ctx, "content") ?? "", encoding === "base64" ? "base64" : "utf8");
    const sha = repo.git.writeBlob(content);
    return ok({ sha, url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}` }, 201);
  },

  "GET /repos/{owner}/{repo}/git/blobs/{file_sha}": (ctx) => {
    const repo = repoOf(ctx);
    const sha = ctx.params["file_sha"] ?? "";
    const blob = repo.git.get(sha, "blob");
    if (!blob) throw notFound();
    return ok({
      sha,
      size: blob.content.length,
      encoding: "base64",
      content: blob.content.toString("base64"),
      node_id: `B_${sha}`,
      url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/git/blobs/${sha}`,
    });
  },

  "POST /repos/{owner}/{repo}/git/trees": createTree,

  "GET /repos/{owner}/{repo}/git/trees/{tree_sha}": (ctx) => {
    const repo = repoOf(ctx);
    const param = ctx.params["tree_sha"] ?? "";
    // GitHub also accepts a commit sha or a branch name here and shows that commit's tree.
    const commit = repo.git.resolve(param);
    const sha = repo.git.get(param, "tree") ? param : commit ? (repo.git.get(commit, "commit")?.tree ?? param) : param;
    const recursive = ctx.query.has("recursive") && ctx.query.get("recursive") !== "false" && ctx.query.get("recursive") !== "0";
    return ok(treeShape(ctx, repo, sha, recursive));
  },

  "POST /repos/{owner}/{repo}/git/commits": (ctx) => {
    const repo = repoOf(ctx);
    const tree = str(ctx, "tree") ?? "";
    const parents = (ctx.body["parents"] ?? []) as string[];
    if (!repo.git.get(tree, "tree")) throw unprocessable("Tree SHA does not exist");
    for (const parent of parents) if (!repo.git.get(parent, "commit")) throw unprocessable("Parent SHA does not exist or is not a commit object");
    const author = gitSignature(ctx, "author");
    const committer = ctx.body["committer"] ? gitSignature(ctx, "committer") : author;
    const sha = repo.git.put({ type: "commit", tree, parents, message: str(ctx, "message") ?? "", author, committer });
    // GitHub signs a commit an app makes through the API when it names no author or committer of
    // its own, and shows it Verified (quiet-node/thuki#50; the swinton gist "Automatically sign
    // your commits from GitHub Actions, using the REST API"); a signed-commits rule then lets it in.
    if (ctx.actor.type === "Bot" && ctx.body["author"] === undefined && ctx.body["committer"] === undefined) repo.signed.add(sha);
    return ok(gitCommitShape(ctx, repo, sha), 201);
  },

  "GET /repos/{owner}/{repo}/git/commits/{commit_sha}": (ctx) => ok(gitCommitShape(ctx, repoOf(ctx), ctx.params["commit_sha"] ?? "")),

  "POST /repos/{owner}/{repo}/git/tags": (ctx) => {
    const repo = repoOf(ctx);
    const object = str(ctx, "object") ?? "";
    const target = repo.git.objects.get(object);
    if (!target) throw unprocessable("Object does not exist");
    const objectType = str(ctx, "type") ?? target.type;
    if (objectType !== target.type) throw new HttpError(422, `Object is a ${target.type}, not a ${objectType}`);
    const sha = repo.git.put({
      type: "tag",
      tag: str(ctx, "tag") ?? "",
      object,
      objectType,
      message: str(ctx, "message") ?? "",
      tagger: gitSignature(ctx, "tagger"),
    });
    return ok(gitTagShape(ctx, repo, sha), 201);
  },

  "GET /repos/{owner}/{repo}/git/tags/{tag_sha}": (ctx) => ok(gitTagShape(ctx, repoOf(ctx), ctx.params["tag_sha"] ?? "")),
};
