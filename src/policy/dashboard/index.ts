export { DASHBOARD_MARKER, DASHBOARD_TITLE, renderDashboard } from "./render.js";
export { planDashboard, type DashboardFacts } from "./plan.js";
export { DASHBOARD_LABELS, dashboardNotRefreshed, dashboardOf } from "./find.js";
