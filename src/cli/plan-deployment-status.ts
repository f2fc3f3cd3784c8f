// `plan --event deployment_status`: what reportDeploymentOutcome would do once a deploy finished:
// verify it when the environment asks, move the pointer tag on success, free the deploy's lock,
// answer the issue that asked (offering the rollback after a failed production deploy), and
// carry a release on to the environments that require this one.
import { z } from "zod";
import { payloadObject } from "../handlers/deploy/gather.js";
import { previousSuccessIn } from "../handlers/deploy/on-deployment-status.js";
import { isProductionDeployment } from "../policy/deploy/settings.js";
import { releaseDeploy, releaseDeploysAfter } from "../policy/deploy/targets.js";
import { deploymentStatusFeatures } from "../handlers/events/deployment-status.js";
import type { EnvironmentConfig } from "../policy/config/index.js";
import { planDeploymentOutcome } from "../policy/deploy/outcome.js";
import { renderExpect, verifyStatus } from "../policy/deploy/verify.js";
import { verifiedByThisApp } from "../policy/deploy/verified-status.js";
import { nothing, plan, type Action, type Plan } from "../policy/plan.js";
import { planDeployRequest } from "./plan-deploys.js";
import { planDashboard, planFeatures, type FeaturePlanner } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";
import { historyOf, selfOf } from "./plan-world.js";
import { isThisApp } from "../github/identity.js";

export const DeploymentStatusPayload = z.object({
  action: z.string().optional(),
  deployment: z.object({
    id: z.number(),
    sha: z.string(),
    environment: z.string(),
    payload: z.unknown(),
    created_at: z.string(),
    production_environment: z.boolean().optional(),
    creator: z.object({ login: z.string(), type: z.string().optional() }).nullish(),
  }),
  deployment_status: z.object({
    state: z.string(),
    description: z.string().nullish(),
    log_url: z.string().nullish(),
    target_url: z.string().nullish(),
    creator: z.object({ login: z.string(), type: z.string().optional() }).nullish(),
  }),
  repository: Repository,
});

type Status = PlanInput<z.infer<typeof DeploymentStatusPayload>>;
type Finished = "success" | "failure" | "error";

const FINISHED: readonly Finished[] = ["success", "failure", "error"];
const feature = "reportDeploymentOutcome";

/** verifyDeployment's statuses, with the version URL's answer taken from the facts. */
function verify(
  input: Status,
  verifyConfig: NonNullable<EnvironmentConfig["verify"]>,
  payload: Readonly<Record<string, unknown>>,
  logUrl: string | undefined,
): { state: "success" | "failure"; actions: Action[] } {
  const { deployment } = input.payload;
  const app = payload["app"];
  const expected = renderExpect(verifyConfig.expect, { env: deployment.environment, sha: deployment.sha, ...(typeof app === "string" ? { app } : {}) });
  if (!expected.ok) return { state: "failure", actions: [verifyStatus(input.repo, deployment.id, { kind: "fail", description: expected.error }, logUrl)] };
  const verified = input.facts.verified;
  if (verified === undefined) input.assumed.add(`verified: ${verifyConfig.url} answers ${expected.value}`);
  const final =
    verified === false
      ? { kind: "fail" as const, description: `verify: ${verifyConfig.url} did not answer ${expected.value} in time` }
      : { kind: "succeed" as const, description: `Verified ${verifyConfig.url}` };
  return {
    state: final.kind === "succeed" ? "success" : "failure",
    actions: [
      verifyStatus(input.repo, deployment.id, { kind: "start", url: verifyConfig.url }, logUrl),
      verifyStatus(input.repo, deployment.id, final, logUrl),
    ],
  };
}

/** A release's success carries it on to the environments that require this one (continueReleaseDeploys). */
function continueRelease(input: Status, payload: Readonly<Record<string, unknown>>): PlannedPart[] {
  const id = payload["release_id"];
  const tag = payload["release_tag"];
  if (typeof id !== "number" || typeof tag !== "string") return [];
  const { deployment } = input.payload;
  const release = { id, tag, prerelease: payload["prerelease"] === true };
  const next = releaseDeploysAfter(input.config, deployment.environment, release);
  if (next.kind !== "deploy") return [];
  const requester = typeof payload["requested_by"] === "string" ? payload["requested_by"] : "unknown";
  const facts = { ...release, draft: false, requester, defaultBranch: input.defaultBranch };
  return next.envs.map((env) => ({ feature, plan: planDeployRequest(input, releaseDeploy(input.config, env, next, facts, deployment.sha)) }));
}

const reportDeploymentOutcome: FeaturePlanner<z.infer<typeof DeploymentStatusPayload>> = (input) => {
  const { deployment, deployment_status: status } = input.payload;
  const finished = FINISHED.find((candidate) => candidate === status.state);
  if (finished === undefined) return [{ feature, plan: nothing("event-not-relevant", `The deployment is ${status.state}, not finished.`) }];
  const payload = payloadObject(deployment.payload);
  // Only deployments this bot made carry its key; others belong to someone else's process.
  // As the handler: only this app's own deployments, by creator, whatever the payload says.
  if (!isThisApp(deployment.creator, selfOf(input)) || typeof payload["release_pilot_key"] !== "string") {
    return [
      {
        feature,
        plan: nothing(
          "event-not-relevant",
          `Deployment ${deployment.id} was not made by Release Pilot (created by ${deployment.creator?.login ?? "nobody known"}).`,
        ),
      },
    ];
  }
  const env = input.config.environments.find((candidate) => candidate.name === deployment.environment);
  const app = typeof payload["app"] === "string" ? payload["app"] : undefined;
  const logUrl = status.log_url || status.target_url || undefined;
  // As the handler: a "Verified" success is final only when this app wrote it.
  const alreadyVerified = verifiedByThisApp({ description: status.description, byThisApp: isThisApp(status.creator, selfOf(input)) });
  const verified = finished === "success" && env?.verify != null && !alreadyVerified ? verify(input, env.verify, payload, logUrl) : undefined;
  const state = verified?.state ?? finished;
  const previousSuccess = state === "success" ? undefined : previousSuccessIn(historyOf(input, deployment.environment, app), deployment);
  const outcome: Plan = planDeploymentOutcome({
    repo: input.repo,
    deployment: { id: deployment.id, environment: deployment.environment, sha: deployment.sha, payload },
    state,
    ...(env?.pointerTag == null ? {} : { pointerTag: env.pointerTag }),
    isProduction: isProductionDeployment(deployment.environment, deployment.production_environment === true),
    ...(previousSuccess === undefined ? {} : { previousSuccess }),
    ...(logUrl === undefined ? {} : { logUrl }),
  });
  const reported = verified === undefined ? outcome : plan(outcome.summary, [...verified.actions, ...outcome.actions]);
  return [{ feature, plan: reported }, ...(state === "success" && env !== undefined ? continueRelease(input, payload) : [])];
};

export function planDeploymentStatus(input: Status): PlannedPart[] | string {
  if (input.payload.action !== undefined && input.payload.action !== "created")
    return `deployment_status.${input.payload.action} sets nothing off; the bot acts on created.`;
  return planFeatures(input, deploymentStatusFeatures, { reportDeploymentOutcome, refreshDashboard: planDashboard });
}
