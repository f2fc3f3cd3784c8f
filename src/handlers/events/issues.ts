// Everything an opened or edited issue sets off, one feature each.
import type { Feature } from "../../features/feature.js";
import { trackChecklist } from "../checklist/track.js";
import { refreshDashboard } from "../dashboard.js";
import { runDashboardTick } from "../dashboard-tick.js";

export const issuesFeatures: readonly Feature<"issues.opened" | "issues.edited">[] = [trackChecklist, runDashboardTick, refreshDashboard];
