// Everything a finished deployment sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { reportDeploymentOutcome } from "../deploy/on-deployment-status.js";
import { refreshDashboard } from "../dashboard.js";

export const deploymentStatusFeatures: readonly Feature<"deployment_status.created">[] = [reportDeploymentOutcome, refreshDashboard];
