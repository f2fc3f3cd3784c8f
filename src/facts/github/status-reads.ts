// StatusFacts read from GitHub, each bounded to one page: the newest deployments per environment,
// one page of releases and of closed pull requests, the open issues of a label. Nothing here writes.
import { deploymentPayload } from "../../policy/deploy/deployment-payload.js";
import type { GitHub } from "../../github/client.js";
import { readFile } from "../../github/git.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import { CONFIG_PATH } from "../../policy/config-check.js";
import { historyState } from "../../policy/deploy/history-state.js";
import { STATUSES_READ } from "./deploy-reads.js";
import type { RepoRef } from "../../policy/plan.js";
import { deployedOn } from "../deployed-on.js";
import { STATUS_PAGE, type ClosedPullFact, type DeployedOn, type OpenIssueFact, type PullFileFact, type ReleaseFact } from "../status.js";

/** Deployments read per environment: the newest page; older successes are history, not status. */
export const DEPLOYMENTS_PAGE = 30;

export async function deployedOnEnvironment(
  octokit: GitHub,
  repo: RepoRef,
  self: AppIdentity,
  environment: string,
  apps: readonly string[],
): Promise<DeployedOn> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: DEPLOYMENTS_PAGE });
  // What is deployed is what this app deployed: anyone's deployment could claim an environment.
  const mine = data.filter((deployment) => isThisApp(deployment.creator, self));
  return deployedOn(
    apps,
    mine,
    (deployment) => {
      const { app, imageTag, requestedBy } = deploymentPayload(deployment.payload);
      return {
        app,
        version: {
          ref: deployment.ref,
          sha: deployment.sha,
          ...(imageTag === undefined ? {} : { imageTag }),
          at: deployment.created_at,
          by: requestedBy ?? deployment.creator?.login ?? "unknown",
        },
      };
    },
    async (deployment) => {
      const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: STATUSES_READ });
      // Read as the history reads it: a success GitHub made inactive when another app's deploy
      // succeeded is still what runs for its app; one made inactive before it finished never ran.
      return historyState(statuses);
    },
  );
}

export async function releasePage(octokit: GitHub, repo: RepoRef): Promise<ReleaseFact[]> {
  const { data } = await octokit.rest.repos.listReleases({ ...repo, per_page: STATUS_PAGE });
  return data.map((release) => ({ tag: release.tag_name, url: release.html_url, draft: release.draft, publishedAt: release.published_at }));
}

export async function closedPullPage(octokit: GitHub, repo: RepoRef): Promise<{ pulls: ClosedPullFact[]; full: boolean }> {
  const { data } = await octokit.rest.pulls.list({ ...repo, state: "closed", sort: "updated", direction: "desc", per_page: STATUS_PAGE });
  return {
    pulls: data.map((pull) => ({
      number: pull.number,
      title: pull.title,
      url: pull.html_url,
      labels: pull.labels.map((label) => label.name),
      mergedAt: pull.merged_at,
    })),
    full: data.length === STATUS_PAGE,
  };
}

export async function openIssues(octokit: GitHub, repo: RepoRef, self: AppIdentity, labels: readonly string[], limit: number): Promise<OpenIssueFact[]> {
  const { data } = await octokit.rest.issues.listForRepo({ ...repo, state: "open", labels: labels.join(","), per_page: limit });
  return data.flatMap((issue) =>
    issue.pull_request === undefined
      ? [{ number: issue.number, title: issue.title, url: issue.html_url, body: issue.body ?? "", byThisApp: isThisApp(issue.user, self) }]
      : [],
  );
}

export async function pullRequestFiles(octokit: GitHub, repo: RepoRef, pullNumber: number): Promise<PullFileFact[]> {
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...repo, pull_number: pullNumber, per_page: 100 });
  return files.map((file) => ({ filename: file.filename, status: file.status }));
}

export function configTextAt(octokit: GitHub, repo: RepoRef, sha: string): Promise<string | undefined> {
  return readFile(octokit, repo, CONFIG_PATH, sha);
}

export async function repoFileAt(octokit: GitHub, repo: RepoRef, path: string, sha: string): Promise<{ text: string | undefined }> {
  return { text: await readFile(octokit, repo, path, sha) };
}

export async function workflowFileAt(octokit: GitHub, repo: RepoRef, file: string, sha: string): Promise<{ text: string | undefined }> {
  return { text: await readFile(octokit, repo, `.github/workflows/${file}`, sha) };
}
