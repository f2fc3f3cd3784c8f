// Releases. One release per tag; publishing a release whose tag is missing creates a lightweight
// tag at `target_commitish`, which is how most bots (and GitHub's UI) make release tags.
import { HttpError, type Handler, type RouteContext, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { ensureTag } from "../repo-ops.js";
import { reactionShape, releaseShape } from "../shapes.js";
import { type Release, type Repo, now } from "../store.js";

function releaseOr404(ctx: RouteContext): { repo: Repo; release: Release } {
  const repo = repoOf(ctx);
  const id = numberParam(ctx, "release_id");
  const release = repo.releases.find((r) => r.id === id);
  if (!release) throw notFound();
  return { repo, release };
}

function alreadyExists(): HttpError {
  return new HttpError(422, "Validation Failed", [{ resource: "Release", code: "already_exists", field: "tag_name" }]);
}

function publishTag(repo: Repo, release: Release): void {
  if (release.draft) return;
  const target = release.target_commitish || repo.defaultBranch;
  if (!repo.git.resolve(target)) {
    throw new HttpError(422, "Validation Failed", [{ resource: "Release", code: "invalid", field: "target_commitish" }]);
  }
  ensureTag(repo, release.tag_name, target);
  release.published_at = release.published_at ?? now();
}

/** Newest first, the order GitHub lists releases in. */
function sorted(repo: Repo): Release[] {
  return [...repo.releases].sort((a, b) => (a.created_at < b.created_at ? 1 : a.created_at > b.created_at ? -1 : b.id - a.id));
}

export const releaseRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}/releases": (ctx) => {
    const repo = repoOf(ctx);
    return paginate(
      ctx,
      sorted(repo).map((r) => releaseShape(ctx, repo, r)),
    );
  },

  "POST /repos/{owner}/{repo}/releases": (ctx) => {
    const repo = repoOf(ctx);
    const tag = str(ctx, "tag_name") ?? "";
    // Drafts have no tag yet, so only a published release for the tag blocks a new one.
    if (repo.releases.some((r) => r.tag_name === tag && !r.draft)) throw alreadyExists();
    const release: Release = {
      id: ctx.store.id(),
      tag_name: tag,
      target_commitish: str(ctx, "target_commitish") ?? repo.defaultBranch,
      name: str(ctx, "name") ?? null,
      body: str(ctx, "body") ?? null,
      draft: ctx.body["draft"] === true,
      prerelease: ctx.body["prerelease"] === true,
      make_latest: str(ctx, "make_latest"),
      author: ctx.actor,
      created_at: now(),
      published_at: null,
    };
    publishTag(repo, release);
    repo.releases.push(release);
    ctx.store.webhooks?.releaseCreated(repo, release, ctx.actor);
    return ok(releaseShape(ctx, repo, release), 201);
  },

  "GET /repos/{owner}/{repo}/releases/{release_id}": (ctx) => {
    const { repo, release } = releaseOr404(ctx);
    return ok(releaseShape(ctx, repo, release));
  },

  "PATCH /repos/{owner}/{repo}/releases/{release_id}": (ctx) => {
    const { repo, release } = releaseOr404(ctx);
    const tag = str(ctx, "tag_name");
    if (tag !== undefined && tag !== release.tag_name && repo.releases.some((r) => r.tag_name === tag && !r.draft && r !== release)) {
      throw alreadyExists();
    }
    const next: Release = {
      ...release,
      tag_name: tag ?? release.tag_name,
      target_commitish: str(ctx, "target_commitish") ?? release.target_commitish,
      name: "name" in ctx.body ? (str(ctx, "name") ?? null) : release.name,
      body: "body" in ctx.body ? (str(ctx, "body") ?? null) : release.body,
      draft: typeof ctx.body["draft"] === "boolean" ? ctx.body["draft"] : release.draft,
      prerelease: typeof ctx.body["prerelease"] === "boolean" ? ctx.body["prerelease"] : release.prerelease,
      make_latest: str(ctx, "make_latest") ?? release.make_latest,
    };
    // Validate and tag before changing anything, so a refused update leaves the release as it was.
    publishTag(repo, next);
    const was = { name: release.name, body: release.body, draft: release.draft, prerelease: release.prerelease, tag: release.tag_name };
    Object.assign(release, next);
    const hooks = ctx.store.webhooks;
    if (was.draft && !release.draft) hooks?.releasePublished(repo, release, ctx.actor);
    else if (!release.draft && was.prerelease && !release.prerelease) hooks?.release(repo, "released", release, ctx.actor);
    const changes = {
      ...(release.name !== was.name ? { name: { from: was.name ?? "" } } : {}),
      ...(release.body !== was.body ? { body: { from: was.body ?? "" } } : {}),
      ...(release.tag_name !== was.tag ? { tag_name: { from: was.tag } } : {}),
      ...(release.prerelease !== was.prerelease ? { prerelease: { from: was.prerelease } } : {}),
    };
    if (Object.keys(changes).length > 0) hooks?.release(repo, "edited", release, ctx.actor, { changes });
    return ok(releaseShape(ctx, repo, release));
  },

  "DELETE /repos/{owner}/{repo}/releases/{release_id}": (ctx) => {
    const { repo, release } = releaseOr404(ctx);
    repo.releases.splice(repo.releases.indexOf(release), 1);
    ctx.store.webhooks?.release(repo, "deleted", release, ctx.actor);
    return { status: 204 };
  },

  "GET /repos/{owner}/{repo}/releases/tags/{tag}": (ctx) => {
    const repo = repoOf(ctx);
    const release = sorted(repo).find((r) => r.tag_name === ctx.params["tag"] && !r.draft);
    if (!release) throw notFound();
    return ok(releaseShape(ctx, repo, release));
  },

  "GET /repos/{owner}/{repo}/releases/latest": (ctx) => {
    const repo = repoOf(ctx);
    // GitHub's create/update release docs: make_latest "specifies whether this release should be
    // set as the latest release ... Defaults to true for newly published releases" (OpenAPI
    // repos/create-release, repos/update-release). So the latest is the one most recently
    // published without make_latest "false"; an explicit "true" on an update pins an older one.
    const published = repo.releases.filter((r) => !r.draft && !r.prerelease);
    const pinned = [...published].reverse().find((r) => r.make_latest === "true");
    const latest =
      pinned ??
      [...published]
        .filter((r) => r.make_latest !== "false")
        .sort((a, b) => ((a.published_at ?? "") < (b.published_at ?? "") ? 1 : (a.published_at ?? "") > (b.published_at ?? "") ? -1 : b.id - a.id))[0];
    if (!latest) throw notFound();
    return ok(releaseShape(ctx, repo, latest));
  },

  "GET /repos/{owner}/{repo}/releases/{release_id}/reactions": (ctx) => {
    const { repo, release } = releaseOr404(ctx);
    return paginate(
      ctx,
      (repo.reactions.get(`release:${release.id}`) ?? []).map((r) => reactionShape(ctx, r)),
    );
  },
};
