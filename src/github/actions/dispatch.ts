import type { DispatchRepositoryEvent, DispatchWorkflow } from "../../policy/plan.js";
import type { GitHub } from "../client.js";
import { effect, type ActionRunner, type Effect, type ExecutionContext } from "../effects.js";
import { isThisApp } from "../identity.js";
import { readFile } from "../git.js";
import { RefusedError } from "../../executor/port.js";
import { dispatchedDescription, readDispatchRecord } from "../../policy/deploy/dispatch-record.js";
import { inputsToSend, workflowDeclaration } from "../../policy/deploy/workflow-inputs.js";

// GitHub keeps no record of a dispatch that could be looked up later, so the deployment it
// serves records it: a "queued" status saying "Dispatched ..." (with the run's id, and the run as
// its log) is written right after the dispatch, and a rerun that finds it dispatches nothing.

export const dispatchWorkflow: ActionRunner<DispatchWorkflow> = async (action, context) => {
  const deployment = deploymentOf(action.deploymentKey, context);
  if (deployment !== undefined && (await alreadyDispatched(context, deployment))) {
    return effect(action, "already-done", { id: deployment.id });
  }
  const inputs = await declaredInputs(await context.octokitFor(action.repo), action, deployment?.id);
  // `return_run_details` makes GitHub answer the run it started (200 instead of 204): the run's
  // id is what its `workflow_run` event is matched by, since the run's head_sha is the tip of the
  // dispatched branch, not the deployed commit (REST docs, "Create a workflow dispatch event").
  const { data } = await (await context.octokitFor(action.repo)).rest.actions.createWorkflowDispatch({
    ...action.repo,
    workflow_id: action.workflow,
    ref: action.ref,
    inputs: { ...inputs },
    return_run_details: true,
  });
  const run = runOf(data);
  const where = `${action.workflow} in ${action.repo.owner}/${action.repo.repo}`;
  await recordDispatch(context.octokit, deployment, dispatchedDescription(where, run?.id), run?.htmlUrl);
  return effect(action, "done", { id: deployment?.id });
};

/**
 * The inputs GitHub will take: the workflow is read at the dispatched ref, and a mismatch is
 * refused here with the input and the fix named (GitHub's own 422 names neither the config key
 * nor the cure); the deployment's id goes in where the workflow declares `deployment_id`.
 */
async function declaredInputs(octokit: GitHub, action: DispatchWorkflow, deploymentId: number | undefined): Promise<Readonly<Record<string, string>>> {
  const text = await readFile(octokit, action.repo, `.github/workflows/${action.workflow}`, action.ref);
  const target = { workflow: action.workflow, repo: `${action.repo.owner}/${action.repo.repo}`, ref: action.ref };
  const sent = inputsToSend(target, workflowDeclaration(text), action.inputs, deploymentId);
  if (!sent.ok) throw new RefusedError(sent.error);
  return sent.inputs;
}

function runOf(data: unknown): { id: number; htmlUrl: string | undefined } | undefined {
  if (typeof data !== "object" || data === null) return undefined;
  const { workflow_run_id: id, html_url: htmlUrl } = data as { workflow_run_id?: unknown; html_url?: unknown };
  return typeof id === "number" ? { id, htmlUrl: typeof htmlUrl === "string" ? htmlUrl : undefined } : undefined;
}

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
  await recordDispatch(
    context.octokit,
    deployment,
    dispatchedDescription(`${action.eventType} to ${action.repo.owner}/${action.repo.repo}`, undefined),
    undefined,
  );
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
  return data.some((status) => isThisApp(status.creator, me) && readDispatchRecord(status.description ?? undefined) !== undefined);
}

async function recordDispatch(octokit: GitHub, deployment: Effect | undefined, description: string, logUrl: string | undefined): Promise<void> {
  if (deployment === undefined) return;
  await octokit.rest.repos.createDeploymentStatus({
    ...deployment.repo!,
    deployment_id: deployment.id!,
    state: "queued",
    description,
    ...(logUrl === undefined ? {} : { log_url: logUrl }),
  });
}
