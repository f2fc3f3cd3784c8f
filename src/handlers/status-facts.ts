// Read-only facts for `/status`, each read bounded to one page so the answer costs a known
// number of calls: newest deployments per environment, one page of releases and of closed PRs,
// the open checklist issues. Nothing here writes.
import { currentLock } from "../facts/github/deploy-reads.js";
import { payloadObject } from "../policy/deploy/deployment-payload.js";
import type { GitHub } from "../github/client.js";
import { isThisApp, type AppIdentity } from "../github/identity.js";
import { parseChecklistMarker, countProgress } from "../policy/checklist/index.js";
import type { AppConfig, Config } from "../policy/config/index.js";
import type { RepoRef } from "../policy/plan.js";
import { appOfTag } from "../policy/release/which-app.js";
import type { AppStatus, ChecklistStatus, DeployedVersion, EnvironmentStatus, StatusFacts } from "../policy/status/index.js";

/** Deployments read per environment: the newest page; older successes are history, not status. */
export const DEPLOYMENTS_PAGE = 30;
const PAGE = 100;

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

/** The latest successful deployment of each app of an environment, newest first until each is found. */
async function deployedVersions(
  octokit: GitHub,
  repo: RepoRef,
  self: AppIdentity,
  environment: string,
  apps: readonly string[],
  failures = new Map<string, DeployedVersion>(),
): Promise<Map<string, DeployedVersion>> {
  const found = new Map<string, DeployedVersion>();
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: DEPLOYMENTS_PAGE });
  for (const deployment of data) {
    if (found.size === apps.length) break;
    // What is deployed is what this app deployed: anyone's deployment could claim an environment.
    if (!isThisApp(deployment.creator, self)) continue;
    const payload = payloadObject(deployment.payload);
    const app = text(payload["app"]);
    // A deploy without an app deployed the whole environment, so it answers for every app.
    const targets = apps.filter((name) => !found.has(name) && (app === undefined || app === name));
    if (targets.length === 0) continue;
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: 1 });
    const state = statuses[0]?.state;
    const imageTag = text(payload["image_tag"]);
    // A failure newer than every success is the one a person still has to act on.
    if (state === "failure" || state === "error") {
      for (const name of targets) if (!failures.has(name)) failures.set(name, versionOf(deployment, payload, imageTag));
      continue;
    }
    // GitHub marks earlier successes inactive when a new one succeeds; both were deployed.
    if (state !== "success" && state !== "inactive") continue;
    const version = versionOf(deployment, payload, imageTag);
    for (const name of targets) found.set(name, version);
  }
  return found;
}

function versionOf(
  deployment: { ref: string; sha: string; created_at: string; creator: { login: string } | null },
  payload: Record<string, unknown>,
  imageTag: string | undefined,
): DeployedVersion {
  return {
    ref: deployment.ref,
    sha: deployment.sha,
    ...(imageTag === undefined ? {} : { imageTag }),
    at: deployment.created_at,
    by: text(payload["requested_by"]) ?? deployment.creator?.login ?? "unknown",
  };
}

async function environments(octokit: GitHub, repo: RepoRef, self: AppIdentity, config: Config, app: string | undefined): Promise<EnvironmentStatus[]> {
  const out: EnvironmentStatus[] = [];
  for (const env of config.environments) {
    const apps = env.apps.filter((name) => app === undefined || name === app);
    if (apps.length === 0) continue;
    const failures = new Map<string, DeployedVersion>();
    const deployed = await deployedVersions(octokit, repo, self, env.name, apps, failures);
    out.push({
      name: env.name,
      url: env.url,
      apps: apps.map((name) => {
        const failed = failures.get(name);
        return { app: name, deployed: deployed.get(name), ...(failed === undefined ? {} : { failed }) };
      }),
      lock: await currentLock(octokit, repo, env.name, app),
      requires: env.requires,
    });
  }
  return out;
}

async function appStatuses(octokit: GitHub, repo: RepoRef, apps: readonly AppConfig[], multiApp: boolean): Promise<AppStatus[]> {
  const { data: releases } = await octokit.rest.repos.listReleases({ ...repo, per_page: PAGE });
  const { data: pulls } = await octokit.rest.pulls.list({ ...repo, state: "closed", sort: "updated", direction: "desc", per_page: PAGE });
  const merged = pulls.filter((pull) => pull.merged_at !== null);
  return apps.map((app) => {
    // The app's newest published release, found by its tag template (monorepo apps share the list).
    const release = releases
      .filter((r) => !r.draft && r.published_at !== null && appOfTag(r.tag_name, apps)?.app === app.name)
      .sort((a, b) => Date.parse(b.published_at ?? "") - Date.parse(a.published_at ?? ""))[0];
    const since = release?.published_at === undefined || release.published_at === null ? 0 : Date.parse(release.published_at);
    // In a monorepo a PR belongs to an app by its labels; a single app owns every PR.
    const mine = merged.filter((pull) => !multiApp || app.labels.length === 0 || pull.labels.some((label) => app.labels.includes(label.name)));
    const unreleased = mine.filter((pull) => Date.parse(pull.merged_at ?? "") > since);
    const count = unreleased.length;
    return {
      unreleased: unreleased.map((pull) => ({ number: pull.number, title: pull.title, url: pull.html_url })),
      name: app.name,
      lastRelease:
        release === undefined ? undefined : { tag: release.tag_name, publishedAt: release.published_at ?? release.created_at, url: release.html_url },
      mergedSince: count,
      capped: pulls.length === PAGE && count === mine.length,
    };
  });
}

async function checklists(octokit: GitHub, repo: RepoRef, config: Config, app: string | undefined): Promise<ChecklistStatus[] | undefined> {
  if (config.checklist === null) return undefined;
  const { data } = await octokit.rest.issues.listForRepo({ ...repo, state: "open", labels: config.checklist.labels.join(","), per_page: PAGE });
  return data.flatMap((issue) => {
    const marker = parseChecklistMarker(issue.body ?? "");
    if (issue.pull_request !== undefined || marker === undefined) return [];
    if (app !== undefined && marker.app !== undefined && marker.app !== app) return [];
    const progress = countProgress(issue.body ?? "");
    return [{ number: issue.number, title: issue.title, url: issue.html_url, done: progress.done, total: progress.total }];
  });
}

export async function gatherStatusFacts(
  octokit: GitHub,
  repo: RepoRef,
  self: AppIdentity,
  config: Config,
  app: string | undefined,
  now: Date,
): Promise<StatusFacts> {
  const multiApp = config.apps.length > 1;
  const apps = config.apps.filter((candidate) => app === undefined || candidate.name === app);
  return {
    repo: `${repo.owner}/${repo.repo}`,
    now: now.toISOString(),
    ...(app === undefined ? {} : { app }),
    multiApp,
    environments: await environments(octokit, repo, self, config, app),
    apps: await appStatuses(octokit, repo, apps, multiApp),
    checklists: await checklists(octokit, repo, config, app),
  };
}
