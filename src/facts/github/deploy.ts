// DeployFacts read from GitHub.
import type { DeployFacts } from "../deploy.js";
import { checkRunsOn, currentLock, deploymentHistory, issueComments, lockOfScope, reviewApprovals, tagsUnder, thumbsUpApprovals } from "./deploy-reads.js";
import type { GitHubReads } from "./reads.js";

export function deployFromGitHub({ octokit, repo, self }: GitHubReads): DeployFacts {
  return {
    deploymentHistory: async (environment, app) => deploymentHistory(octokit, repo, await self(), environment, app),
    checkRunsOn: (sha) => checkRunsOn(octokit, repo, sha),
    currentLock: (environment, app) => currentLock(octokit, repo, environment, app),
    lockOfScope: (environment, app) => lockOfScope(octokit, repo, environment, app),
    issueComments: async (issueNumber) => issueComments(octokit, repo, issueNumber, await self()),
    thumbsUpApprovals: (commentIds) => thumbsUpApprovals(octokit, repo, commentIds),
    reviewApprovals: (pullNumber) => reviewApprovals(octokit, repo, pullNumber),
    tagsUnder: (prefix, toPeel) => tagsUnder(octokit, repo, prefix, toPeel),
  };
}
