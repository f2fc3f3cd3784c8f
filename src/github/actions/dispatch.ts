import type { DispatchRepositoryEvent, DispatchWorkflow } from "../../policy/plan.js";
import type { GitHub } from "../client.js";
import { effect, type ActionRunner, type Effect, type ExecutionContext } from "../effects.js";
import { isThisApp } from "../identity.js";

// GitHub keeps no record of a dispatch that could be looked up later, so the deployment it
// serves records it: a "queued" status saying "Dispatched ..." is written right after the
// dispatch, and a rerun that finds it dispatches nothing.
const DISPATCHED = "Dispatched";

export const dispatchWorkflow: ActionRunner<DispatchWorkflow> = async (action, context) => {
  const deployment = deploymentOf(action.deploymentKey, context);
  if (deployment !== undefined && (await alreadyDispatched(context, deployment))) {
    return effect(action, "already-done", { id: deployment.id });
  }
  const inputs = deployment?.id === undefined ? action.inputs : { ...action.inputs, deployment_id: String(deployment.id) };
  await (await context.octokitFor(action.repo)).rest.actions.createWorkflowDispatch({
    ...action.repo,
    workflow_id: action.workflow,
    ref: action.ref,
    inputs: { ...inputs },
  });
  await recordDispatch(context.octokit, deployment, `${DISPATCHED} ${action.workflow} in ${action.repo.owner}/${action.repo.repo}`);
  return effect(action, "done", { id: deployment?.id });
};

export const dispatchRepositoryEvent: ActionRunner<DispatchRepositoryEvent> = async (action, context) => {
  const deployment = deploymentOf(action.deploymentKey, context);
  if (deployment !== undefined && (await alreadyDispatched(context, deployment))) {
    return effect(action, "already-done", { id: deployment.id });
  }
  const payload = deployment?.id === undefined ? action.clientPayload : { ...action.clientPayload, deployment_id: String(deployment.id) };
  await (await context.octokitFor(action.repo)).rest.repos.createDispatchEvent({
    ...action.repo,
    event_type: action.eventType,
    client_payload: { ...payload },
  });
  await recordDispatch(context.octokit, deployment, `${DISPATCHED} ${action.eventType} to ${action.repo.owner}/${action.repo.repo}`);
  return effect(action, "done", { id: deployment?.id });
};

function deploymentOf(key: string | undefined, context: ExecutionContext): Effect | undefined {
  if (key === undefined) return undefined;
  const found = context.effects.get(key);
  if (found?.id === undefined || found.repo === undefined) throw new Error(`deployment "${key}" must be created before it is dispatched`);
  return found;
}

async function alreadyDispatched({ octokit, self }: ExecutionContext, deployment: Effect): Promise<boolean> {
  // A deployment this very plan just created has no statuses yet: only one found from an earlier
  // run can carry the record of a dispatch.
  if (deployment.status === "done") return false;
  const { data } = await octokit.rest.repos.listDeploymentStatuses({
    ...deployment.repo!,
    deployment_id: deployment.id!,
    per_page: 100,
  });
  // Only this app's own record counts: anyone who may write statuses could write the words.
  const me = await self();
  return data.some((status) => isThisApp(status.creator, me) && status.description?.startsWith(DISPATCHED) === true);
}

async function recordDispatch(octokit: GitHub, deployment: Effect | undefined, description: string): Promise<void> {
  if (deployment === undefined) return;
  await octokit.rest.repos.createDeploymentStatus({
    ...deployment.repo!,
    deployment_id: deployment.id!,
    state: "queued",
    description: description.slice(0, 140),
  });
}
