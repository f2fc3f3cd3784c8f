// Everything a push sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { deployFollowingBranch } from "../deploy/on-push.js";
import { draftNotes } from "../draft-notes.js";
import { forwardPort } from "../forward-port.js";
import { openChecklistOnReleaseBranch } from "../checklist/open.js";
import { refreshDashboard } from "../dashboard.js";

export const pushFeatures: readonly Feature<"push">[] = [deployFollowingBranch, draftNotes, forwardPort, openChecklistOnReleaseBranch, refreshDashboard];
