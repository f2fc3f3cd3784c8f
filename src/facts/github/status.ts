// StatusFacts read from GitHub.
import type { StatusFacts } from "../status.js";
import type { GitHubReads } from "./reads.js";
import { closedPullPage, configTextAt, deployedOnEnvironment, openIssues, pullRequestFiles, releasePage, repoFileAt, workflowFileAt } from "./status-reads.js";

/** Open checklists read: one page. The dashboard is one issue, so a short page finds it. */
const CHECKLIST_PAGE = 100;
const DASHBOARD_PAGE = 10;

export function statusFromGitHub({ octokit, repo, self }: GitHubReads): StatusFacts {
  return {
    deployedOn: async (environment, apps) => deployedOnEnvironment(octokit, repo, await self(), environment, apps),
    releasePage: () => releasePage(octokit, repo),
    closedPullPage: () => closedPullPage(octokit, repo),
    openChecklistIssues: async (labels) => openIssues(octokit, repo, await self(), labels, CHECKLIST_PAGE),
    openDashboardIssues: async (labels) => openIssues(octokit, repo, await self(), labels, DASHBOARD_PAGE),
    pullRequestFiles: (pullNumber) => pullRequestFiles(octokit, repo, pullNumber),
    configTextAt: (sha) => configTextAt(octokit, repo, sha),
    workflowFileAt: (file, sha) => workflowFileAt(octokit, repo, file, sha),
    repoFileAt: (path, sha) => repoFileAt(octokit, repo, path, sha),
  };
}
