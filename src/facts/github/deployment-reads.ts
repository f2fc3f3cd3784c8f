// This app's deployments read back one by one (the queue, a commit's, a key's, an id's), the
// check runs a held deploy waits on, and the pull request a pushed commit merged. Nothing here
// writes; which of these matter is policy's to decide.
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import { ownDeploymentKey } from "../../github/actions/deployment.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import { z } from "zod";
import type { CheckRunSeen } from "../../policy/deploy/after-checks.js";
import { deploymentPayload, payloadObject } from "../../policy/deploy/deployment-payload.js";
import { createdWithin } from "../../policy/deploy/workflow-outcome.js";
import { readDispatchRecord } from "../../policy/deploy/dispatch-record.js";
import type { QueuedDeployment } from "../../policy/deploy/queue.js";
import type { RepoRef } from "../../policy/plan.js";
import type { DeploymentFact } from "../deploy.js";
import { HISTORY_LIMIT } from "./deploy-reads.js";

/** Deployments made in the hour before a run are few; more than this many is not a deploy pipeline. */
const CANDIDATE_LIMIT = 30;

type Listed = Awaited<ReturnType<GitHub["rest"]["repos"]["listDeployments"]>>["data"][number];

/**
 * The deployment with its newest status; given `self`, also this app's own record of the dispatch
 * that started it, wherever it stands among the statuses (the workflow may have reported
 * `in_progress` since), so nobody else's status can pass for it.
 */
async function withLatestStatus(octokit: GitHub, repo: RepoRef, deployment: Listed, self?: AppIdentity): Promise<DeploymentFact> {
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: self === undefined ? 1 : 100 });
  const latest = statuses[0];
  const record =
    self === undefined
      ? undefined
      : statuses.find((status) => isThisApp(status.creator, self) && readDispatchRecord(status.description ?? undefined) !== undefined);
  return {
    id: deployment.id,
    environment: deployment.environment,
    sha: deployment.sha,
    createdAt: deployment.created_at,
    productionEnvironment: deployment.production_environment === true,
    payload: payloadObject(deployment.payload),
    latestState: latest?.state,
    latestDescription: latest?.description ?? undefined,
    latestAt: latest?.created_at,
    ...(record?.description == null ? {} : { dispatchRecord: record.description }),
  };
}

/** Waiting deploys: this app's, queued behind a lock (their payload says so), with no status yet. */
export async function queuedDeployments(octokit: GitHub, repo: RepoRef, self: AppIdentity, environment: string, app?: string): Promise<QueuedDeployment[]> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: HISTORY_LIMIT });
  const waiting: QueuedDeployment[] = [];
  for (const deployment of data) {
    // A waiting deployment someone else created is never started: its payload carries a dispatch.
    if (ownDeploymentKey(deployment, self) === undefined) continue;
    const payload = payloadObject(deployment.payload);
    const read = deploymentPayload(payload);
    if (read.queuedBehind === undefined) continue;
    if (app !== undefined && read.app !== app) continue;
    // Started (a Dispatched status) or superseded (inactive) deployments have a status; waiting ones none.
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
    if (statuses.length > 0) continue;
    waiting.push({ id: deployment.id, sha: deployment.sha, createdAt: deployment.created_at, environment, payload });
  }
  return waiting;
}

/**
 * This app's deployments created in a time window, any environment: the ones a workflow run
 * started then may have served (only this app's, identity.ts). GitHub lists deployments newest
 * first and cannot filter by time, so one page is read and cut to the window.
 */
export async function deploymentsCreatedBetween(octokit: GitHub, repo: RepoRef, self: AppIdentity, since: string, until: string): Promise<DeploymentFact[]> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, per_page: CANDIDATE_LIMIT });
  const own = data.filter((deployment) => ownDeploymentKey(deployment, self) !== undefined && createdWithin(deployment.created_at, since, until));
  const facts: DeploymentFact[] = [];
  for (const deployment of own) facts.push(await withLatestStatus(octokit, repo, deployment, self));
  return facts;
}

/** Only this app's own deployment: a key in a payload is text anyone who may deploy can type. */
export async function deploymentWithKey(
  octokit: GitHub,
  repo: RepoRef,
  self: AppIdentity,
  environment: string,
  key: string,
): Promise<DeploymentFact | undefined> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: HISTORY_LIMIT });
  const deployment = data.find((candidate) => ownDeploymentKey(candidate, self) === key);
  return deployment === undefined ? undefined : withLatestStatus(octokit, repo, deployment);
}

export async function deploymentById(octokit: GitHub, repo: RepoRef, id: number): Promise<DeploymentFact | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.repos.getDeployment({ ...repo, deployment_id: id }));
  return found === undefined ? undefined : withLatestStatus(octokit, repo, found.data);
}

/**
 * Any deployment this app made of the commit to the environment (of the app): by a push, a
 * person's command or a queue. Someone else's deployment of it is not this deploy done.
 */
export async function hasDeployed(octokit: GitHub, repo: RepoRef, self: AppIdentity, environment: string, sha: string, app?: string): Promise<boolean> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, sha, per_page: 100 });
  return data.some((deployment) => isThisApp(deployment.creator, self) && (app === undefined || deploymentPayload(deployment.payload).app === app));
}

export async function checkRunsSeen(octokit: GitHub, repo: RepoRef, sha: string): Promise<CheckRunSeen[]> {
  // Every run, then the newest of each name: what `filter: latest` means, without depending on
  // how GitHub's `latest` (by completion time) treats a run still in progress, like the hold.
  const all = await octokit.paginate(octokit.rest.checks.listForRef, { ...repo, ref: sha, filter: "all", per_page: 100 });
  const newest = new Map<string, (typeof all)[number]>();
  for (const run of all) if ((newest.get(run.name)?.id ?? -1) < run.id) newest.set(run.name, run);
  return [...newest.values()].map((run) => ({
    name: run.name,
    status: run.status,
    conclusion: run.conclusion,
    externalId: run.external_id,
    ...(run.app?.id === undefined ? {} : { appId: run.app.id }),
  }));
}

const AppAuthentication = z.object({ appId: z.number() });

/**
 * This app's id, from its own credentials (a JWT made locally, no request); undefined when it
 * runs with a plain token (a GitHub Actions step), whose check runs belong to GitHub Actions.
 */
export async function ownAppId(octokit: GitHub): Promise<number | undefined> {
  const parsed = AppAuthentication.safeParse(await octokit.auth({ type: "app" }).catch(() => undefined));
  return parsed.success ? parsed.data.appId : undefined;
}

export async function branchHead(octokit: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` }));
  return found?.data.object.sha;
}

/** The author_association of the merged pull request whose merge commit is `sha`, if any. */
export async function mergedPullAssociation(octokit: GitHub, repo: RepoRef, sha: string): Promise<string | undefined> {
  const { data: pulls } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: sha, per_page: 10 });
  return pulls.find((pull) => pull.merged_at !== null && pull.merge_commit_sha === sha)?.author_association;
}
