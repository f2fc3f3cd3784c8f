// One deploy, from request to plan carried out: gather the facts the gates need, render the
// dispatch, let planDeploy decide, and carry the plan out. Every way it can stop reaches a person:
// the reply in the asking issue, or a failed check run on the commit for automatic deploys.

import type { Context } from "probot";
import { ActionFailedError } from "../../github/execute.js";
import { LockHeldError } from "../../github/actions/lock.js";
import type { Config, EnvironmentConfig } from "../../policy/config/index.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import type { ApprovalFact } from "../../policy/deploy/gates.js";
import { formatTime } from "../../policy/deploy/lock.js";
import { planDeploy, replyAction } from "../../policy/deploy/plan-deploy.js";
import { deployKey } from "../../policy/deploy/deploy-key.js";
import { imageTagIsPortable, renderDispatch } from "../../policy/deploy/render-dispatch.js";
import type { DeployTarget, EnvironmentSettings } from "../../policy/deploy/settings.js";
import type { Action, Plan } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import { checkRunsOn, currentLock, deploymentHistory } from "./gather.js";

export interface DeployRequest {
  readonly env: EnvironmentConfig;
  /** The app, in a repository with several; undefined in a single-app repository. */
  readonly app?: string;
  readonly sha: string;
  readonly version?: string;
  readonly tag?: string;
  /** A rollback's or promotion's image, reused when it has this environment's form. */
  readonly image?: string;
  /** Stable across redeliveries: `comment-<id>`, `release-<id>`, `push-<sha>`. */
  readonly trigger: string;
  readonly requester: string;
  /** The issue or PR whose comment asked; absent for automatic deploys. */
  readonly issueNumber?: number;
  readonly withMigrations: boolean;
  readonly approvals: readonly ApprovalFact[];
  /** For automatic deploys: what started it, in the sentence of a refusal's check run. */
  readonly cause?: string;
  /** This repository's default branch, from the event's payload. */
  readonly defaultBranch: string;
}

/** `{app}` still renders in a single-app repository, as the app named after the repository. */
export function appName(config: Config, app?: string): string | undefined {
  return app ?? (config.apps.length === 1 ? config.apps[0]?.name : undefined);
}

/** The app part of a deploy: named in a repository with several apps, left out otherwise. */
export function deployedApp(config: Config, app?: string): string | undefined {
  return config.apps.length > 1 ? app : undefined;
}

export function environmentSettings(env: EnvironmentConfig): EnvironmentSettings {
  const checks = env.migrations === null || env.checks.includes(env.migrations.check) ? env.checks : [...env.checks, env.migrations.check];
  return {
    name: env.name,
    requires: env.requires,
    checks,
    approvals: env.approvals,
    ...(env.approvalsWithinMs === null ? {} : { approvalsWithinMs: env.approvalsWithinMs }),
    queue: env.queue,
  };
}

export async function runDeploy(context: Context, config: Config, request: DeployRequest, options: RunOptions): Promise<Plan> {
  const repo = context.repo();
  const { env, app } = request;
  const now = new Date().toISOString();
  const defaultRef = await workflowDefaultRef(context, env, request.defaultBranch);
  const rendered = renderDispatch({
    env,
    repo,
    defaultRef,
    ...(appName(config, app) === undefined ? {} : { app: appName(config, app)! }),
    sha: request.sha,
    ...(request.version === undefined ? {} : { version: request.version }),
    ...(request.tag === undefined ? {} : { tag: request.tag }),
    ...(request.image === undefined ? {} : { image: request.image }),
    actor: request.requester,
    ...(request.issueNumber === undefined ? {} : { number: request.issueNumber }),
    now,
    withMigrations: request.withMigrations,
  });
  const key = deployKey({ env: env.name, ...(app === undefined ? {} : { app }), sha: request.sha, trigger: request.trigger });
  if (!rendered.ok) return finish(context, request, { error: `the deploy cannot be started: ${rendered.error}` }, options, key);
  const succeededOn: Record<string, DeployTarget[]> = {};
  for (const required of env.requires) {
    const other = config.environments.find((candidate) => candidate.name === required);
    // Images only stand for the same build when both environments name them by content.
    const sameImages = imageTagIsPortable(env.imageTag) && imageTagIsPortable(other?.imageTag ?? null);
    const history = await deploymentHistory(context.octokit, repo, required, app);
    succeededOn[required] = history
      .filter((record) => record.state === "success" || record.state === "inactive")
      .map((record) => ({ sha: record.sha, ...(sameImages && record.imageTag !== undefined ? { imageTag: record.imageTag } : {}) }));
  }
  const settings = environmentSettings(env);
  const checkRuns = settings.checks.length === 0 ? [] : await checkRunsOn(context.octokit, repo, request.sha);
  const lock = await currentLock(context.octokit, repo, env.name, app);
  const decided = planDeploy({
    env: settings,
    target: { sha: request.sha, ...(rendered.imageTag === undefined ? {} : { imageTag: rendered.imageTag }) },
    succeededOn,
    checkRuns,
    withMigrations: request.withMigrations,
    approvals: request.approvals,
    ...(lock === undefined ? {} : { lock }),
    now,
    requester: request.requester,
    repo,
    ...(app === undefined ? {} : { app }),
    trigger: request.trigger,
    ...(request.issueNumber === undefined ? {} : { issueNumber: request.issueNumber }),
    dispatch: rendered.dispatch,
    lockMs: env.lockTimeoutMs,
  });
  return finish(context, request, decided, options, key);
}

async function finish(context: Context, request: DeployRequest, decided: Plan | { readonly error: string }, options: RunOptions, key: string): Promise<Plan> {
  const repo = context.repo();
  const answer = (text: string): Action | undefined => replyAction({ repo, ...(request.issueNumber === undefined ? {} : { issueNumber: request.issueNumber }) }, key, text);
  let chosen: Plan;
  if (request.issueNumber === undefined) {
    const cause = request.cause ?? `a deploy by ${request.requester}`;
    chosen = reportAutomaticRefusal({ repo, sha: request.sha, env: request.env.name, ...(request.app === undefined ? {} : { app: request.app }), cause }, decided);
  } else if ("error" in decided) {
    chosen = { reason: "gate-refused", summary: decided.error, actions: [answer(`🚫 Not deploying: ${decided.error}`)!] };
  } else {
    chosen = decided;
  }
  try {
    await carryOut(context, chosen, options);
  } catch (error) {
    // Two deploys that both saw the environment free race for the lock; the loser is told who won.
    const cause = error instanceof ActionFailedError ? error.cause : undefined;
    if (!(cause instanceof LockHeldError)) throw error;
    const why = cause.reason === "" || cause.reason === "unknown" ? "" : ` (${cause.reason})`;
    const text = `${cause.environment} is locked by ${cause.holder}${why} until ${formatTime(cause.expiresAt)}; wait for it to be free and try again.`;
    const told = answer(`🚫 Not deploying: ${text}`);
    const refusal: Plan = { reason: "locked", summary: text, actions: told === undefined ? [] : [told] };
    await carryOut(context, request.issueNumber === undefined ? reportAutomaticRefusal({ repo, sha: request.sha, env: request.env.name, cause: request.cause ?? "a deploy" }, { error: text }) : refusal, options);
    return refusal;
  }
  return chosen;
}

/** The ref a dispatched workflow runs on when the config names none: its repository's default branch. */
async function workflowDefaultRef(context: Context, env: EnvironmentConfig, own: string): Promise<string> {
  if (env.deploy.kind !== "workflow" || env.deploy.ref !== null || env.deploy.repo === null) return own;
  const { data } = await context.octokit.rest.repos.get({ ...env.deploy.repo });
  return data.default_branch;
}
