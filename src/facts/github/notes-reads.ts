// The Octokit reads of draft notes: the files a push changed when its payload was cut short, and
// the closed PRs back to the oldest previous release, page by page.
import type { GitHub } from "../../github/client.js";
import { shouldReadMore } from "../../policy/notes/index.js";
import type { RepoRef } from "../../policy/plan.js";
import type { ClosedPull } from "../release.js";

const PAGE_SIZE = 100;
/** GitHub's compare lists at most this many files; a longer list may be partial. */
const COMPARE_FILE_LIMIT = 300;

export async function comparedFiles(octokit: GitHub, repo: RepoRef, before: string, after: string): Promise<readonly string[] | "unknown"> {
  const { data } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${before}...${after}`, per_page: 1 });
  const files = data.files ?? [];
  return files.length >= COMPARE_FILE_LIMIT ? "unknown" : files.map((f) => f.filename);
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
): Promise<{ readonly pulls: readonly ClosedPull[]; readonly truncated: boolean }> {
  const pulls: Required<ClosedPull>[] = [];
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
      // Cut short: more were read than are kept (a `max` below the page size), or reading
      // stopped at `max` on a full page with more after it, still newer than `since`.
      const truncated =
        pulls.length > max ||
        (!lastPage && pulls.length >= max && rows.length === PAGE_SIZE && (since === null || (rows[rows.length - 1]?.updatedAt ?? "") >= since));
      return { pulls: pulls.slice(0, max), truncated };
    }
  }
}
