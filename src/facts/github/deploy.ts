// DeployFacts read from GitHub.
import type { DeployFacts } from "../deploy.js";
import {
  checkRunsOn,
  commitStatusesOn,
  currentLock,
  deploymentHistory,
  issueComments,
  lockOfScope,
  reviewApprovals,
  tagsUnder,
  thumbsUpApprovals,
} from "./deploy-reads.js";
import {
  branchHead,
  checkRunsSeen,
  deploymentById,
  deploymentsCreatedBetween,
  deploymentWithKey,
  hasDeployed,
  mergedPullAssociation,
  ownAppId,
  queuedDeployments,
} from "./deployment-reads.js";
import type { GitHubReads } from "./reads.js";
import { pullHead, teamMember } from "./people-reads.js";

export function deployFromGitHub({ octokit, repo, self }: GitHubReads): DeployFacts {
  return {
    deploymentHistory: async (environment, app) => deploymentHistory(octokit, repo, await self(), environment, app),
    checkRunsOn: (sha) => checkRunsOn(octokit, repo, sha),
    checkRunsSeen: (sha) => checkRunsSeen(octokit, repo, sha),
    commitStatuses: (sha) => commitStatusesOn(octokit, repo, sha),
    ownAppId: () => ownAppId(octokit),
    branchHead: (branch) => branchHead(octokit, repo, branch),
    hasDeployed: async (environment, sha, app) => hasDeployed(octokit, repo, await self(), environment, sha, app),
    currentLock: (environment, app) => currentLock(octokit, repo, environment, app),
    lockOfScope: (environment, app) => lockOfScope(octokit, repo, environment, app),
    issueComments: async (issueNumber) => issueComments(octokit, repo, issueNumber, await self()),
    thumbsUpApprovals: (commentIds) => thumbsUpApprovals(octokit, repo, commentIds),
    reviewApprovals: (pullNumber) => reviewApprovals(octokit, repo, pullNumber),
    tagsUnder: (prefix, toPeel) => tagsUnder(octokit, repo, prefix, toPeel),
    mergedPullAssociation: (sha) => mergedPullAssociation(octokit, repo, sha),
    queuedDeployments: async (environment, app) => queuedDeployments(octokit, repo, await self(), environment, app),
    deploymentsCreatedBetween: async (since, until) => deploymentsCreatedBetween(octokit, repo, await self(), since, until),
    deploymentWithKey: async (environment, key) => deploymentWithKey(octokit, repo, await self(), environment, key),
    deploymentById: (id) => deploymentById(octokit, repo, id),
    pullHead: (number) => pullHead(octokit, repo, number),
    teamMember: (team, login) => teamMember(octokit, team, login),
  };
}
