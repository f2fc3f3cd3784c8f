// Repository-level reads (the repository, branches, tags) and merging a pull request: common
// calls beyond the bot's core list, so a scenario does not stop at a 501.
import { HttpError, type Handler, notFound, numberParam, ok, paginate, repoOf, str } from "../http.js";
import { refuseMerge } from "../protection.js";
import { announceMerged, branchSha, mergePull } from "../repo-ops.js";
import { branchProtectionSummary } from "./protection.js";
import { commitShape, repoShape } from "../shapes.js";

export const repoRoutes: Record<string, Handler> = {
  "GET /repos/{owner}/{repo}": (ctx) => ok(repoShape(ctx, repoOf(ctx))),

  "GET /repos/{owner}/{repo}/branches": (ctx) => {
    const repo = repoOf(ctx);
    const branches = [...repo.git.refs.entries()]
      .filter(([ref]) => ref.startsWith("refs/heads/"))
      .map(([ref, sha]) => ({
        name: ref.slice("refs/heads/".length),
        commit: { sha, url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${sha}` },
        protected: repo.protections.has(ref.slice("refs/heads/".length)),
      }))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    return paginate(ctx, branches);
  },

  "GET /repos/{owner}/{repo}/branches/{branch}": (ctx) => {
    const repo = repoOf(ctx);
    const name = ctx.params["branch"] ?? "";
    const sha = repo.git.refs.get(`refs/heads/${name}`);
    if (!sha) throw new HttpError(404, "Branch not found");
    return ok({
      name,
      commit: commitShape(ctx, repo, sha),
      _links: { self: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/branches/${name}`, html: `${ctx.webUrl}/${repo.owner}/${repo.name}/tree/${name}` },
      ...branchProtectionSummary(ctx, repo, name),
    });
  },

  "GET /repos/{owner}/{repo}/tags": (ctx) => {
    const repo = repoOf(ctx);
    // Newest tagged commit first, roughly GitHub's order; names break ties.
    const tags = [...repo.git.refs.entries()]
      .filter(([ref]) => ref.startsWith("refs/tags/"))
      .map(([ref, sha]) => ({ name: ref.slice("refs/tags/".length), sha: repo.git.peel(sha) ?? sha }))
      .map((t) => ({ ...t, date: repo.git.get(t.sha, "commit")?.committer.date ?? "" }))
      .sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.name < b.name ? 1 : -1));
    return paginate(
      ctx,
      tags.map((t) => ({
        name: t.name,
        commit: { sha: t.sha, url: `${ctx.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${t.sha}` },
        node_id: `REF_${t.name}`,
      })),
    );
  },

  "GET /repos/{owner}/{repo}/pulls/{pull_number}/commits": (ctx) => {
    const repo = repoOf(ctx);
    const pull = repo.pulls.get(numberParam(ctx, "pull_number"));
    if (!pull) throw notFound();
    const base = pull.merged_at ? pull.baseSha : (repo.git.refs.get(`refs/heads/${pull.baseRef}`) ?? pull.baseSha);
    const head = pull.merged_at ? pull.headSha : (repo.git.refs.get(`refs/heads/${pull.headRef}`) ?? pull.headSha);
    const mergeBase = repo.git.mergeBase(base, head);
    const shas = repo.git.log(head, new Set(mergeBase ? repo.git.log(mergeBase) : [])).reverse();
    return paginate(
      ctx,
      shas.map((sha) => commitShape(ctx, repo, sha)),
    );
  },

  "PUT /repos/{owner}/{repo}/pulls/{pull_number}/merge": (ctx) => {
    const repo = repoOf(ctx);
    const number = numberParam(ctx, "pull_number");
    const expected = str(ctx, "sha");
    const pull = repo.pulls.get(number);
    const head = pull?.headRef;
    if (expected && head && repo.git.refs.get(`refs/heads/${head}`) !== expected) {
      throw new HttpError(409, "Head branch was modified. Review and try the merge again.");
    }
    // A protected base (or a ruleset on it) needs its reviews and checks first (protection.ts).
    if (pull && head) refuseMerge(repo, pull.baseRef, branchSha(repo, head) ?? pull.headSha, number, ctx.actor);
    const sha = mergePull(repo, number, str(ctx, "merge_method") ?? "merge", str(ctx, "commit_title"), ctx.actor.login);
    announceMerged(ctx.store, repo, number, ctx.actor);
    return ok({ sha, merged: true, message: "Pull Request successfully merged" });
  },
};
