// Which deploys an event starts, and the request of each, from the payload and the config alone.
// The push and release handlers and `release-pilot plan` all start from these lists.

import type { Config, EnvironmentConfig } from "../config/index.js";
import { appsToDeploy } from "./paths.js";
import type { FollowingTarget, HeldDeploy } from "./after-checks.js";
import { pushTrigger } from "./checks-hold.js";
import { nothing, type Plan } from "../plan.js";
import { appOfTag } from "../release/which-app.js";
import { deployedApp, environmentSettings, type DeployRequest } from "./decide-deploy.js";

/** The environments a release reaches later, each said as a plan: deployed by the success of what they require. */
export function releaseWaitPlans(waiting: readonly EnvironmentConfig[], tag: string): Plan[] {
  return waiting.map((env) =>
    nothing("event-not-relevant", `${env.name} takes ${tag} once ${env.requires.join(", ")} reports success with it (a deployment_status event).`),
  );
}

/** Why a published release deploys nothing. */
export function noReleaseDeploy(release: { readonly tag: string; readonly prerelease: boolean }, kind: "none" | "no-app"): string {
  if (kind === "no-app") return `The tag ${release.tag} names no app's release; nothing to deploy.`;
  return `No environment follows ${release.prerelease ? "prereleases" : "releases"}.`;
}

/** Why a push deploys nothing, for the plan that says so. */
export function noPushDeploy(ref: string, deleted: boolean, byThisApp = false): string {
  if (deleted) return `${ref} was deleted; a deleted branch deploys nothing.`;
  if (byThisApp)
    return `The push to ${ref.replace(/^refs\/(heads|tags)\//, "")} is this app's own (a release commit, a lock ref or a tag); it deploys nothing.`;
  return `The push to ${ref.replace(/^refs\/heads\//, "")} deploys nothing: no environment follows it, or it changed no deployed app's files.`;
}

/** Every environment (and app) that follows a branch, with the checks it requires. */
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

export interface PushFacts {
  readonly ref: string;
  readonly after: string;
  readonly deleted: boolean;
  readonly requester: string;
  readonly defaultBranch: string;
  readonly commits: Parameters<typeof appsToDeploy>[1];
  /**
   * The push is this app's own write (GitHub sends a push for every ref an app's installation
   * token creates or moves: its release and changelog commits, lock refs, tags). Those deploy
   * nothing, as GitHub starts no workflow for a push made with a workflow's GITHUB_TOKEN: what
   * follows the branch already runs what people pushed, and deploying the bot's bookkeeping would
   * turn each release into a deploy (or a refusal) nobody asked for.
   */
  readonly byThisApp?: boolean;
}

/** One deploy a push starts; `app` is set only in a repository with several apps. */
export interface PushDeploy {
  readonly env: EnvironmentConfig;
  readonly app?: string;
  readonly branch: string;
  readonly request: DeployRequest;
}

export function pushDeploys(config: Config, push: PushFacts): readonly PushDeploy[] {
  if (push.deleted || push.byThisApp === true || !push.ref.startsWith("refs/heads/")) return [];
  const branch = push.ref.slice("refs/heads/".length);
  const deploys: PushDeploy[] = [];
  for (const env of config.environments) {
    if (env.follows?.kind !== "branch" || env.follows.branch !== branch) continue;
    const apps = config.apps.filter((app) => env.apps.includes(app.name));
    const chosen = config.apps.length > 1 ? appsToDeploy(apps, push.commits) : apps.map((app) => app.name);
    for (const name of chosen) {
      const app = deployedApp(config, name);
      deploys.push({
        env,
        ...(app === undefined ? {} : { app }),
        branch,
        request: {
          env,
          ...(app === undefined ? {} : { app }),
          sha: push.after,
          trigger: pushTrigger(push.after),
          requester: push.requester,
          withMigrations: false,
          approvals: [],
          cause: `The push to ${branch}`,
          defaultBranch: push.defaultBranch,
        },
      });
    }
  }
  return deploys;
}

export interface ReleaseFacts {
  readonly id: number;
  readonly tag: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly requester: string;
  readonly defaultBranch: string;
}

export type ReleaseDeploys =
  | { readonly kind: "none" }
  | { readonly kind: "no-app" }
  | {
      readonly kind: "deploy";
      readonly app: string;
      readonly version: string;
      /** Deployed now. */
      readonly envs: readonly EnvironmentConfig[];
      /**
       * Deployed once what they require succeeds: they require an environment this same release
       * deploys, so trying now would only be refused (see continueReleaseDeploys).
       */
      readonly waiting: readonly EnvironmentConfig[];
    };

/**
 * The environments following releases that this release's app deploys to. GitHub sends
 * `published` for every release, candidates included, so this runs on `published` alone:
 * `follows: { release: published }` takes finals only, `follows: { release: prereleased }`
 * takes candidates and finals ("candidates too"), `prerelease-only` candidates alone.
 */
/** Whether an environment following releases this way takes a final (or, `prerelease`, a candidate). */
export function takesRelease(on: "published" | "prereleased" | "prerelease-only", prerelease: boolean): boolean {
  if (on === "prereleased") return true;
  return on === "prerelease-only" ? prerelease : !prerelease;
}

export function releaseDeploys(config: Config, release: Pick<ReleaseFacts, "tag" | "draft" | "prerelease">): ReleaseDeploys {
  const envs = config.environments.filter((env) => env.follows?.kind === "release" && takesRelease(env.follows.on, release.prerelease));
  if (envs.length === 0 || release.draft) return { kind: "none" };
  const of = appOfTag(release.tag, config.apps);
  if (of === undefined) return { kind: "no-app" };
  const taking = envs.filter((env) => env.apps.includes(of.app));
  const names = new Set(taking.map((env) => env.name));
  const waits = (env: EnvironmentConfig) => env.requires.some((required) => names.has(required));
  return { kind: "deploy", app: of.app, version: of.version, envs: taking.filter((env) => !waits(env)), waiting: taking.filter(waits) };
}

/**
 * The environments a successful deploy of a release to `succeeded` carries that release on to:
 * those following releases (of this kind) that require `succeeded`.
 */
export function releaseDeploysAfter(config: Config, succeeded: string, release: Pick<ReleaseFacts, "tag" | "prerelease">): ReleaseDeploys {
  const all = releaseDeploys(config, { ...release, draft: false });
  if (all.kind !== "deploy") return all;
  return { ...all, envs: all.waiting.filter((env) => env.requires.includes(succeeded)), waiting: [] };
}

export function releaseDeploy(
  config: Config,
  env: EnvironmentConfig,
  of: { readonly app: string; readonly version: string },
  release: ReleaseFacts,
  sha: string,
): DeployRequest {
  const app = deployedApp(config, of.app);
  return {
    env,
    ...(app === undefined ? {} : { app }),
    sha,
    version: of.version,
    tag: release.tag,
    trigger: { kind: "release", id: release.id },
    requester: release.requester,
    withMigrations: false,
    approvals: [],
    cause: `Release ${release.tag}`,
    defaultBranch: release.defaultBranch,
    release: { id: release.id, tag: release.tag, prerelease: release.prerelease },
  };
}

/** The deploy a push held for its checks makes once they pass: the push's own, as its pusher. */
export function heldDeployRequest(env: EnvironmentConfig, held: HeldDeploy, defaultBranch: string): DeployRequest {
  return {
    env,
    ...(held.app === undefined ? {} : { app: held.app }),
    sha: held.sha,
    // The push's own trigger, so the deploy has the key the push would have given it.
    trigger: pushTrigger(held.sha),
    requester: held.pusher,
    withMigrations: false,
    approvals: [],
    cause: `The push to ${held.branch}`,
    defaultBranch,
  };
}

/** How a held deploy's plan started it: dispatched, queued behind another, or not at all. */
export function heldDeployStart(chosen: Plan): "dispatched" | "queued" | undefined {
  if (!chosen.actions.some((action) => action.kind === "create-deployment")) return undefined;
  return chosen.actions.some((action) => action.kind === "dispatch-workflow" || action.kind === "dispatch-repository-event") ? "dispatched" : "queued";
}
