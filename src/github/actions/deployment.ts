import { DEPLOYMENT_KEY_FIELD, deploymentPayload } from "../../policy/deploy/deployment-payload.js";
import type { CreateDeployment, SetDeploymentStatus } from "../../policy/plan.js";
import { effect, type ActionRunner } from "../effects.js";
import { ownDeploymentKey } from "../../policy/deploy/deployment-payload.js";

export { DEPLOYMENT_KEY_FIELD };

export const createDeployment: ActionRunner<CreateDeployment> = async (action, { octokitFor, self }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  const { data: recent } = await octokit.rest.repos.listDeployments({
    ...repo,
    environment: action.environment,
    per_page: 100,
  });
  const me = await self();
  const found = recent.find((deployment) => ownDeploymentKey(deployment, me) === action.key);
  if (found !== undefined) return effect(action, "already-done", { id: found.id, sha: found.sha, repo });
  const response = await octokit.rest.repos.createDeployment({
    ...repo,
    ref: action.ref,
    environment: action.environment,
    description: action.description,
    payload: { ...action.payload, [DEPLOYMENT_KEY_FIELD]: action.key },
    // Release Pilot's own gates decided already; GitHub's environment rules still apply to the job.
    auto_merge: false,
    required_contexts: [],
  });
  if (!("id" in response.data)) throw new Error(`GitHub did not create the deployment: ${response.data.message ?? "no reason given"}`);
  return effect(action, "done", { id: response.data.id, sha: response.data.sha, repo });
};

export const setDeploymentStatus: ActionRunner<SetDeploymentStatus> = async (action, { octokitFor }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({
    ...repo,
    deployment_id: action.deploymentId,
    per_page: 1,
  });
  const latest = statuses[0];
  if (latest !== undefined && latest.state === action.state && latest.description === action.description) {
    return effect(action, "already-done", { id: latest.id });
  }
  // `auto_inactive` is left at GitHub's default (true), per-app deployments included. GitHub's
  // environment view is one environment's: with the default its newest success is the one active
  // deployment, older ones `inactive`. Passing false for an app's deployment would not keep the
  // view honest: the deploy workflow usually reports the first `success` itself, with its own
  // token and the default, so other apps' deployments go inactive anyway; and the app's own older
  // deployments would stay "active" though they no longer run. So the view stays GitHub's, and
  // the bot reads each app's history from what its deployments reached instead: a success made
  // inactive still succeeded (src/policy/deploy/history-state.ts).
  const { data } = await octokit.rest.repos.createDeploymentStatus({
    ...repo,
    deployment_id: action.deploymentId,
    state: action.state,
    description: action.description.slice(0, 140),
    ...(action.environmentUrl === undefined ? {} : { environment_url: action.environmentUrl }),
    ...(action.logUrl === undefined ? {} : { log_url: action.logUrl }),
  });
  return effect(action, "done", { id: data.id });
};

export { deploymentKeyOf, ownDeploymentKey } from "../../policy/deploy/deployment-payload.js";
