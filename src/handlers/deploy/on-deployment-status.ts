// A deploy finished (its workflow or the infrastructure set the deployment's status): move the
// pointer tag on success, free the deploy's lock, tell the issue that asked, and after a failed
// production deploy offer the rollback command; a release's success carries it on to the
// environments that require this one.

import { payloadObject } from "../../policy/deploy/deployment-payload.js";
import type { EndedDeployment } from "../../policy/deploy/ended-deployment.js";
import { nothing } from "../../policy/plan.js";
import { verifiedByThisApp } from "../../policy/deploy/verified-status.js";
import { carryOut } from "../../features/carry-out.js";
import { finishDeployment } from "./finish-deployment.js";
import type { Feature } from "../../features/feature.js";
import { ownDeploymentKey } from "../../policy/deploy/deployment-payload.js";
import { isThisApp } from "../../policy/identity.js";
import { verifyDeployment } from "./verify.js";
import { startVerify } from "./verify-timer.js";

const FINISHED = ["success", "failure", "error"] as const;

export const reportDeploymentOutcome: Feature<"deployment_status.created"> = async function reportDeploymentOutcome(context, config, options) {
  const { deployment, deployment_status: status } = context.payload;
  const finished = FINISHED.find((candidate) => candidate === status.state);
  if (finished === undefined)
    return void (await carryOut(context, nothing("event-not-relevant", `A ${status.state} deployment status ends no deploy.`), options));
  const payload = payloadObject(deployment.payload);
  // Only this app's own deployments are its to act on: a key in the payload is text anyone who
  // may create a deployment can type, so the deployment's creator must be this app (identity.ts).
  const self = await context.facts.self();
  if (ownDeploymentKey(deployment, self) === undefined) {
    context.log.info({ deployment: deployment.id, creator: deployment.creator?.login }, "deployment_status of a deployment this app did not create: ignored");
    await carryOut(
      context,
      nothing("event-not-relevant", `Deployment ${deployment.id} was not made by this app; its status is not this app's to act on.`),
      options,
    );
    return;
  }
  const env = config.environments.find((candidate) => candidate.name === deployment.environment);
  const logUrl = status.log_url || status.target_url || undefined;
  const record: EndedDeployment = {
    id: deployment.id,
    sha: deployment.sha,
    environment: deployment.environment,
    payload,
    createdAt: deployment.created_at,
    productionEnvironment: deployment.production_environment === true,
  };
  // With `verify`, the workflow's success is final only once the version URL answers it; a
  // "Verified" success counts as that answer only when this app wrote it, not whoever may.
  const verified = verifiedByThisApp({ description: status.description, byThisApp: isThisApp(status.creator, self) });
  if (finished === "success" && env?.verify != null && !verified) {
    // With a job queue each request is a job of its own and the last one finishes the deploy;
    // polling here would hold this repository's queue for as long as the verify takes.
    const timers = options.timers;
    if (timers !== undefined) {
      if ((await startVerify(context, env.verify, record, { ...options, timers }, logUrl)) === "scheduled") return;
      return finishDeployment(context, config, record, "failure", options, logUrl);
    }
    const state = await verifyDeployment(context, env.verify, record, options, logUrl);
    return finishDeployment(context, config, record, state, options, logUrl);
  }
  return finishDeployment(context, config, record, finished, options, logUrl);
};
