// Everything a finished workflow run sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { reportFailedDeployWorkflow } from "../deploy/workflow-run.js";
import { refreshDashboard } from "../dashboard.js";

export const workflowRunCompletedFeatures: readonly Feature<"workflow_run.completed">[] = [reportFailedDeployWorkflow, refreshDashboard];
