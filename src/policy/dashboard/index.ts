export { DASHBOARD_MARKER, DASHBOARD_TITLE, renderDashboard } from "./render.js";
export { planDashboard, type DashboardFacts } from "./plan.js";
export { DASHBOARD_LABELS, dashboardNotRefreshed, dashboardOf } from "./find.js";
export { dashboardOffers, offerLines, tickedOfferIds, type Offer } from "./offers.js";
export { decideTick, type TickDecision, type TickFacts } from "./tick.js";
