// Keeps the Release Dashboard issue current: registered last in each event's feature list, so it
// shows the state the other features just left. Reads are bounded (src/facts/status.ts), and the
// issue is written only when what it shows changed.
import type { Config } from "../policy/config/index.js";
import { DASHBOARD_LABELS, dashboardNotRefreshed, dashboardOf, planDashboard } from "../policy/dashboard/index.js";
import { carryOut, type RunOptions } from "../features/carry-out.js";
import type { FeatureContext } from "../features/feature.js";
import { gatherStatus } from "./status-facts.js";
import { isThisApp } from "../policy/identity.js";

/** This app's open dashboard issue, when there is one. */
export async function findDashboard(context: FeatureContext): Promise<{ number: number; body: string } | undefined> {
  return dashboardOf(await context.facts.openDashboardIssues(DASHBOARD_LABELS));
}

export async function refreshDashboard(context: FeatureContext, config: Config, options: RunOptions): Promise<void> {
  const sender = (context.payload as { sender?: { login?: string; type?: string } }).sender;
  const senderIsBot = sender?.type === "Bot";
  const senderIsThisApp = config.dashboard && senderIsBot && isThisApp(sender, await context.facts.self());
  const skipped = dashboardNotRefreshed(config.dashboard, { name: context.name, senderIsBot, senderIsThisApp });
  if (skipped !== undefined) {
    await carryOut(context, skipped, options);
    return;
  }
  const status = await gatherStatus(context, config, undefined);
  const existing = await findDashboard(context);
  await carryOut(context, planDashboard({ repo: context.repo(), enabled: true, status, existing, labels: DASHBOARD_LABELS }), options);
}
