// A release moves along its promotion path by itself: when its deploy to an environment succeeds,
// the environments that follow releases and require that one are deployed with the same release
// (UKRDC: the final goes to staging, and to production once staging reports success). Publishing
// deploys only the first step, so nothing is refused just for being early.

import type { Config } from "../../policy/config/index.js";
import type { FeatureContext } from "../../features/feature.js";
import type { RunOptions } from "../../features/carry-out.js";
import { runDeploy } from "./run-deploy.js";
import { deploymentPayload } from "../../policy/deploy/deployment-payload.js";
import { releaseDeploy, releaseDeploysAfter } from "../../policy/deploy/targets.js";

export interface SucceededDeployment {
  readonly environment: string;
  readonly sha: string;
  /** The deployment's payload, as this bot wrote it. */
  readonly payload: Readonly<Record<string, unknown>>;
}

export async function continueReleaseDeploys(context: FeatureContext, config: Config, deployment: SucceededDeployment, options: RunOptions): Promise<void> {
  const { release, requestedBy } = deploymentPayload(deployment.payload);
  if (release === undefined) return;
  const next = releaseDeploysAfter(config, deployment.environment, release);
  if (next.kind !== "deploy") return;
  const requester = requestedBy ?? "unknown";
  const facts = { ...release, draft: false, requester, defaultBranch: await defaultBranchOf(context) };
  for (const env of next.envs) await runDeploy(context, config, releaseDeploy(config, env, next, facts, deployment.sha), options);
}

/** From the event when it names the repository (a webhook), else from GitHub (a timer's job). */
async function defaultBranchOf(context: FeatureContext): Promise<string> {
  const repository: unknown = "repository" in context.payload ? context.payload.repository : undefined;
  const known = typeof repository === "object" && repository !== null ? Reflect.get(repository, "default_branch") : undefined;
  if (typeof known === "string" && known !== "") return known;
  return context.facts.defaultBranchOf(context.repo());
}
