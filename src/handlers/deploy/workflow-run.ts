// A dispatched deploy workflow finished without success. If it never set its deployment's status,
// nobody would hear of it: find the deployment it served and fail it, with the run as the log.

import { decideWorkflowFailure, findServedDeployment, runNeedsOutcome, runWindow, type FinishedRun } from "../../policy/deploy/workflow-outcome.js";
import { nothing } from "../../policy/plan.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { previousSuccessOf } from "./finish-deployment.js";

export const reportFailedDeployWorkflow: Feature<"workflow_run.completed"> = async function reportFailedDeployWorkflow(context, config, options) {
  const { workflow_run: workflowRun } = context.payload;
  const run: FinishedRun = {
    id: workflowRun.id,
    createdAt: workflowRun.created_at,
    headSha: workflowRun.head_sha,
    path: workflowRun.path,
    name: workflowRun.name ?? "",
    event: workflowRun.event,
    conclusion: workflowRun.conclusion,
    htmlUrl: workflowRun.html_url,
  };
  if (!runNeedsOutcome(run)) {
    await carryOut(
      context,
      nothing("event-not-relevant", `The run ${run.name} ended ${run.conclusion ?? "without a conclusion"}; no deploy waits on its outcome.`),
      options,
    );
    return;
  }
  const repo = context.repo();
  const window = runWindow(run);
  const candidates = await context.facts.deploymentsCreatedBetween(window.since, window.until);
  const served = findServedDeployment(run, candidates);
  if (served.kind === "none") {
    context.log.info({ run: run.htmlUrl }, served.reason);
    await carryOut(context, nothing("event-not-relevant", served.reason), options);
    return;
  }
  const { deployment } = served;
  const previousSuccess = await previousSuccessOf(context, deployment);
  const failure = decideWorkflowFailure(config.environments, {
    repo,
    run,
    deployment,
    ...(previousSuccess === undefined ? {} : { previousSuccess }),
  });
  await carryOut(context, failure, options);
};
