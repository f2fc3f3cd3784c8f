// Everything a finished workflow run sets off, one feature each.
import type { Feature } from "../feature.js";
import { reportFailedDeployWorkflow } from "../deploy/workflow-run.js";

export const workflowRunCompletedFeatures: readonly Feature<"workflow_run.completed">[] = [reportFailedDeployWorkflow];
