// Everything a commit status sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { trackChecklistsOnStatus } from "../checklist/on-status.js";
import { deployAfterStatus } from "../deploy/on-status.js";

export const statusFeatures: readonly Feature<"status">[] = [deployAfterStatus, trackChecklistsOnStatus];
