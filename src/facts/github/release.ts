// ReleaseFacts read from GitHub.
import { fragmentFiles } from "./fragment-reads.js";
import { branchSha, readFile } from "../../github/git.js";
import { readyCommentKey } from "../../policy/checklist/index.js";
import type { ReleaseFacts } from "../release.js";
import { commentedWithKey, headAutoFacts, listChecklistIssues } from "./checklist-reads.js";
import { comparedFiles, readClosedPulls } from "./notes-reads.js";
import { branchProtection } from "./protection-reads.js";
import { readerOf, type GitHubReads } from "./reads.js";
import { downstreamFiles, filesAt, forwardPortCompare, latestReleases, taggedCommit, tagNames } from "./release-reads.js";

export function releaseFromGitHub(reads: GitHubReads): ReleaseFacts {
  const { octokit, repo, self } = reads;
  return {
    releasedCommit: (release) => taggedCommit(octokit, repo, release.tag),
    tagNames: () => tagNames(octokit, repo),
    latestReleases: async () => latestReleases(octokit, repo, await self()),
    releaseFiles: (paths, at) => filesAt(octokit, repo, paths, at.sha),
    fragmentFiles: (directory, sha) => fragmentFiles(octokit, repo, directory, sha),
    checklistTemplate: (path, ref) => readFile(octokit, repo, path, ref),
    checklistIssues: (labels, state) => listChecklistIssues(octokit, repo, labels, state),
    announcedReady: async (issueNumber) => commentedWithKey(octokit, repo, await self(), issueNumber, readyCommentKey(issueNumber)),
    headAutoFacts: (asked, defaultBranch, changelog) => headAutoFacts(octokit, repo, self, { asked, defaultBranch, changelog }),
    downstreamFiles: (entries) => downstreamFiles(readerOf(reads), entries),
    comparedFiles: (before, after) => comparedFiles(octokit, repo, before, after),
    closedPulls: (base, since, max) => readClosedPulls(octokit, repo, base, since, max),
    branchProtection: async (branch) => branchProtection(octokit, repo, branch, await self()),
    forwardPortCompare: (branch, defaultBranch) => forwardPortCompare(octokit, repo, branch, defaultBranch),
  };
}
