// Keeps the Release Dashboard issue current: registered last in each event's feature list, so it
// shows the state the other features just left. Reads are bounded (see status-facts.ts), and the
// issue is written only when what it shows changed.
import type { FeatureContext } from "./feature.js";
import type { GitHub } from "../github/client.js";
import { isThisApp, type AppIdentity } from "../github/identity.js";
import type { Config } from "../policy/config/index.js";
import { DASHBOARD_MARKER, planDashboard } from "../policy/dashboard/index.js";
import type { RepoRef } from "../policy/plan.js";
import { carryOut, type RunOptions } from "./carry-out.js";
import { gatherStatusFacts } from "./status-facts.js";

export const DASHBOARD_LABELS = ["release-dashboard"];

/** This app's open dashboard issue: an issue anyone else wrote with the marker is not it. */
export async function findDashboard(octokit: GitHub, repo: RepoRef, self: AppIdentity): Promise<{ number: number; body: string } | undefined> {
  const { data } = await octokit.rest.issues.listForRepo({ ...repo, state: "open", labels: DASHBOARD_LABELS.join(","), per_page: 10 });
  const found = data.find((issue) => issue.pull_request === undefined && isThisApp(issue.user, self) && (issue.body ?? "").includes(DASHBOARD_MARKER));
  return found === undefined ? undefined : { number: found.number, body: found.body ?? "" };
}

export async function refreshDashboard(context: FeatureContext, config: Config, options: RunOptions): Promise<void> {
  if (!config.dashboard) return;
  // The bot's own edits (the dashboard itself, progress lines) change nothing the dashboard shows.
  const sender = (context.payload as { sender?: { type?: string } }).sender;
  if (context.name === "issues" && sender?.type === "Bot") return;
  const repo = context.repo();
  const self = await options.self();
  const status = await gatherStatusFacts(context.octokit, repo, self, config, undefined, new Date());
  const existing = await findDashboard(context.octokit, repo, self);
  await carryOut(context, planDashboard({ repo, enabled: true, status, existing, labels: DASHBOARD_LABELS }), options);
}
