// On a push to the default branch, refresh each affected app's draft release. The handler reads
// (the changed files when the payload was cut short, one page of releases, closed PRs back to
// the oldest previous release) and policy decides; see src/policy/notes/.
import type { FeatureContext } from "./feature.js";
import type { GitHub } from "../github/client.js";
import type { Config } from "../policy/config/index.js";
import { changedFiles, PUSH_COMMIT_LIMIT } from "../policy/deploy/paths.js";
import { planDraftNotes, readBackTo, shouldReadMore, type DraftNotesFacts, type MergedPull, type ReleaseFact } from "../policy/notes/index.js";
import type { RepoRef } from "../policy/plan.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

const PAGE_SIZE = 100;
/** GitHub's compare lists at most this many files; a longer list may be partial. */
const COMPARE_FILE_LIMIT = 300;
const ZERO_SHA = /^0+$/;

type PushPayload = FeatureContext<"push">["payload"];

/** The files the push changed: from the payload, or from compare when GitHub cut the list short. */
async function pushedFiles(octokit: GitHub, repo: RepoRef, payload: PushPayload): Promise<readonly string[] | "unknown"> {
  if (payload.commits.length < PUSH_COMMIT_LIMIT) return changedFiles(payload.commits);
  if (ZERO_SHA.test(payload.before) || payload.forced) return "unknown";
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${payload.before}...${payload.after}`, per_page: 1 });
  const files = data.files ?? [];
  return files.length >= COMPARE_FILE_LIMIT ? "unknown" : files.map((f) => f.filename);
}

/** One page of the newest releases: drafts and the apps' previous releases are among them. */
export async function readReleases(octokit: GitHub, repo: RepoRef): Promise<readonly ReleaseFact[]> {
  const { data } = await octokit.rest.repos.listReleases({ ...repo, per_page: PAGE_SIZE });
  return data.map((r) => ({
    id: r.id,
    tag: r.tag_name,
    name: r.name ?? r.tag_name,
    body: r.body ?? "",
    draft: r.draft,
    prerelease: r.prerelease,
    publishedAt: r.published_at,
  }));
}

/**
 * Closed PRs into `base`, most recently updated first, page by page until one reaches back past
 * `since` or `max` PRs were read: a 300-PR release costs three or four calls, not three hundred.
 */
export async function readClosedPulls(
  octokit: GitHub,
  repo: RepoRef,
  base: string,
  since: string | null,
  max: number,
): Promise<{ readonly pulls: readonly MergedPull[]; readonly truncated: boolean }> {
  const pulls: MergedPull[] = [];
  for (let page = 1; ; page++) {
    const { data, headers } = await octokit.rest.pulls.list({ ...repo, state: "closed", base, sort: "updated", direction: "desc", per_page: PAGE_SIZE, page });
    // GitHub names the next page in the Link header; without one this page is the last, even full.
    const lastPage = !/rel="next"/.test(headers.link ?? "");
    const rows = data.map((p) => ({
      number: p.number,
      title: p.title,
      url: p.html_url,
      author: p.user?.login ?? "ghost",
      labels: p.labels.map((label) => label.name),
      mergedAt: p.merged_at,
      mergeCommitSha: p.merge_commit_sha,
      updatedAt: p.updated_at,
    }));
    pulls.push(...rows);
    if (lastPage || !shouldReadMore(rows, PAGE_SIZE, pulls.length, since, max)) {
      const truncated = !lastPage && pulls.length >= max && rows.length === PAGE_SIZE && (since === null || (rows[rows.length - 1]?.updatedAt ?? "") >= since);
      return { pulls: pulls.slice(0, max), truncated };
    }
  }
}

export async function gatherDraftNotesFacts(octokit: GitHub, repo: RepoRef, payload: PushPayload, config: Config, now: Date): Promise<DraftNotesFacts> {
  const defaultBranch = payload.repository.default_branch ?? "main";
  const notes = config.notes;
  const releases = await readReleases(octokit, repo);
  const since = readBackTo(config.apps, releases);
  const { pulls, truncated } = await readClosedPulls(octokit, repo, defaultBranch, since, notes?.maxPullRequests ?? PAGE_SIZE);
  return {
    repo,
    defaultBranch,
    branch: payload.ref.replace(/^refs\/heads\//, ""),
    now: now.toISOString(),
    versioning: config.versioning,
    notes,
    releaseName: config.releaseName,
    apps: config.apps,
    changedFiles: config.apps.length > 1 ? await pushedFiles(octokit, repo, payload) : [],
    pushedCommits: payload.commits.map((c) => c.id),
    releases,
    pulls,
    truncated,
  };
}

export const draftNotes: Feature<"push"> = async function draftNotes(context, config, options) {
  const { payload } = context;
  // Decided before any read: most pushes (other branches, tags, repos without notes) cost nothing.
  if (config.notes === null || !config.notes.draft || payload.deleted) return;
  if (payload.ref !== `refs/heads/${payload.repository.default_branch ?? "main"}`) return;
  const facts = await gatherDraftNotesFacts(context.octokit, context.repo(), payload, config, new Date());
  await carryOut(context, planDraftNotes(facts), options);
};
