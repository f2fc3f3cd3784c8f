// A required check finished: deploys a push held for its checks (src/policy/deploy/checks-hold.ts)
// go ahead now, if the commit is still the head of the branch, as the person who pushed. GitHub
// sends check_run.completed for every app's check runs to an app with the checks permission, so
// most of these events concern no environment and stop before any API call.

import { payloadObject } from "../../policy/deploy/deployment-payload.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import { z } from "zod";
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import type { Config } from "../../policy/config/index.js";
import {
  decideHeld,
  heldDeploys,
  planHeldDeployStarted,
  targetsOfCheck,
  type CheckRunSeen,
  type FollowingTarget,
  type HeldDeploy,
} from "../../policy/deploy/after-checks.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import type { RepoRef } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { pushTrust } from "./push-trust.js";
import { deployedApp, environmentSettings, runDeploy } from "./run-deploy.js";
import { heldDeployRequest, heldDeployStart } from "../../policy/deploy/targets.js";

type CheckRunContext = Parameters<Feature<"check_run.completed">>[0];

export const deployAfterChecks: Feature<"check_run.completed"> = async function deployAfterChecks(context, config, options) {
  const { check_run: finished } = context.payload;
  const targets = targetsOfCheck(followingTargets(config), finished.name);
  if (targets.length === 0) return;
  const repo = context.repo();
  const sha = finished.head_sha;
  const runs = await checkRunsSeen(context.octokit, repo, sha);
  const held = heldDeploys(targets, sha, runs, await ownAppId(context.octokit));
  const heads = new Map<string, string | undefined>();
  for (const deploy of held) {
    if (!heads.has(deploy.branch)) heads.set(deploy.branch, await branchHead(context.octokit, repo, deploy.branch));
    const head = heads.get(deploy.branch);
    const deployed = head === sha && (await hasDeployment(context.octokit, repo, deploy, await options.self()));
    const decision = decideHeld({ repo, held: deploy, head, deployed, runs });
    if (decision.kind === "wait") {
      context.log.info({ env: deploy.env, sha, pending: decision.pending }, "the held deploy still waits for checks");
    } else if (decision.kind === "settle") {
      await carryOut(context, decision.plan, options);
    } else {
      await deployHeld(context, config, deploy, options);
    }
  }
};

/** Every environment (and app) that follows a branch, with the checks it requires (shared with `release-pilot plan`). */
export function followingTargets(config: Config): FollowingTarget[] {
  const targets: FollowingTarget[] = [];
  for (const env of config.environments) {
    if (env.follows?.kind !== "branch") continue;
    const { checks } = environmentSettings(env);
    const apps = new Set(config.apps.filter((app) => env.apps.includes(app.name)).map((app) => deployedApp(config, app.name)));
    for (const app of apps) targets.push({ env: env.name, ...(app === undefined ? {} : { app }), branch: env.follows.branch, checks });
  }
  return targets;
}

async function deployHeld(context: CheckRunContext, config: Config, held: HeldDeploy, options: RunOptions): Promise<void> {
  const env = config.environments.find((candidate) => candidate.name === held.env);
  if (env === undefined) return;
  const repo = context.repo();
  const cause = `The push to ${held.branch}`;
  const app = held.app === undefined ? {} : { app: held.app };
  // Trust is the pusher's, read again now: the CI that finished the check vouches for nobody.
  const trust = await pushTrust(context, env, held.sha, held.pusher, held.app);
  if (trust.kind === "untrusted") {
    await carryOut(context, reportAutomaticRefusal({ repo, sha: held.sha, env: env.name, ...app, cause }, { error: trust.message }), options);
    return;
  }
  const chosen = await runDeploy(context, config, heldDeployRequest(env, held, context.payload.repository.default_branch), options);
  const started = heldDeployStart(chosen);
  if (started !== undefined) await carryOut(context, planHeldDeployStarted({ repo, held }, started), options);
}

async function checkRunsSeen(octokit: GitHub, repo: RepoRef, sha: string): Promise<CheckRunSeen[]> {
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
async function ownAppId(octokit: GitHub): Promise<number | undefined> {
  const parsed = AppAuthentication.safeParse(await octokit.auth({ type: "app" }).catch(() => undefined));
  return parsed.success ? parsed.data.appId : undefined;
}

async function branchHead(octokit: GitHub, repo: RepoRef, branch: string): Promise<string | undefined> {
  const found = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: `heads/${branch}` }));
  return found?.data.object.sha;
}

/**
 * Any deployment this app made of the commit to the environment (of the app): by this push, a
 * person's command or a queue. Someone else's deployment of it is not this deploy done.
 */
async function hasDeployment(octokit: GitHub, repo: RepoRef, held: HeldDeploy, self: AppIdentity): Promise<boolean> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment: held.env, sha: held.sha, per_page: 100 });
  return data.some((deployment) => isThisApp(deployment.creator, self) && (held.app === undefined || payloadObject(deployment.payload)["app"] === held.app));
}
