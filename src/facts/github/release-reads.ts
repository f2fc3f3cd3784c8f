// The Octokit reads of releases: tags, the newest releases, the commit a release's tag names, the
// files /release edits, the downstream files pins live in, and compare for forward ports.
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import { readFile } from "../../github/git.js";
import { NotInstalledError, type OctokitFor } from "../../github/installations.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import type { DownstreamConfig } from "../../policy/config/index.js";
import type { RepoRef } from "../../policy/plan.js";
import type { DownstreamFile } from "../../policy/release/downstream.js";
import type { ForwardPortCompare, ReleaseRecord } from "../release.js";

export async function tagNames(octokit: GitHub, repo: RepoRef): Promise<readonly string[]> {
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...repo, ref: "tags/", per_page: 100 });
  return refs.map((ref) => ref.ref.replace(/^refs\/tags\//, ""));
}

/** One page of the newest releases: drafts and the apps' previous releases are among them. */
export async function latestReleases(octokit: GitHub, repo: RepoRef, self: AppIdentity): Promise<readonly ReleaseRecord[]> {
  const { data } = await octokit.rest.repos.listReleases({ ...repo, per_page: 100 });
  return data.map((r) => ({
    id: r.id,
    tag: r.tag_name,
    name: r.name ?? r.tag_name,
    url: r.html_url,
    body: r.body ?? "",
    draft: r.draft,
    prerelease: r.prerelease,
    publishedAt: r.published_at,
    byThisApp: isThisApp(r.author, self),
  }));
}

/** The commit a tag names: a lightweight tag's ref names it, an annotated tag's object is peeled. */
export async function taggedCommit(octokit: GitHub, repo: RepoRef, tag: string): Promise<string | undefined> {
  const ref = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `tags/${tag}` }));
  if (ref === undefined) return undefined;
  if (ref.data.object.type !== "tag") return ref.data.object.sha;
  const { data } = await octokit.rest.git.getTag({ ...repo, tag_sha: ref.data.object.sha });
  return data.object.sha;
}

export async function filesAt(octokit: GitHub, repo: RepoRef, paths: readonly string[], sha: string): Promise<Record<string, string | undefined>> {
  const files: Record<string, string | undefined> = {};
  for (const path of paths) files[path] = await readFile(octokit, repo, path, sha);
  return files;
}

// The downstream repository is read with its own installation's token; where the app is not
// installed (or GitHub answers 404 for the repository) that is kept as a fact, so the person
// hears what to do instead of a bare error.
async function downstreamFile(octokitFor: OctokitFor, entry: DownstreamConfig): Promise<DownstreamFile> {
  const facts = { repo: entry.repo, file: entry.file, package: entry.package };
  const unreachable = { ...facts, base: undefined, content: undefined, reachable: false };
  let octokit: GitHub;
  try {
    octokit = await octokitFor(entry.repo, `raise the ${entry.package} pin`);
  } catch (error) {
    if (error instanceof NotInstalledError) return unreachable;
    throw error;
  }
  const found = await notFoundAsUndefined(octokit.rest.repos.get({ ...entry.repo }));
  if (found === undefined) return unreachable;
  const base = entry.branch ?? found.data.default_branch;
  return { ...facts, base, content: await readFile(octokit, entry.repo, entry.file, base), reachable: true };
}

export async function downstreamFiles(octokitFor: OctokitFor, entries: readonly DownstreamConfig[]): Promise<readonly DownstreamFile[]> {
  const files: DownstreamFile[] = [];
  for (const entry of entries) files.push(await downstreamFile(octokitFor, entry));
  return files;
}

export async function forwardPortCompare(octokit: GitHub, repo: RepoRef, branch: string, defaultBranch: string): Promise<ForwardPortCompare> {
  const { data: compare } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${defaultBranch}...${branch}` });
  const { data: open } = await octokit.rest.pulls.list({ ...repo, state: "open", head: `${repo.owner}:${branch}`, base: defaultBranch, per_page: 1 });
  const pull = open[0];
  return {
    ahead: compare.commits.map((c) => ({ sha: c.sha, message: c.commit.message })),
    aheadBy: compare.ahead_by,
    openPull: pull === undefined ? null : { number: pull.number, body: pull.body ?? "" },
  };
}
