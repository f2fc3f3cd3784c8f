// Everything a finished check run sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { deployAfterChecks } from "../deploy/on-check-run.js";

export const checkRunCompletedFeatures: readonly Feature<"check_run.completed">[] = [deployAfterChecks];
