import { nothing, plan, type Plan, type RepoRef } from "../plan.js";
import type { StatusFacts } from "../status/index.js";
import { DASHBOARD_TITLE, renderDashboard } from "./render.js";

export interface DashboardFacts {
  readonly repo: RepoRef;
  readonly enabled: boolean;
  readonly status: StatusFacts;
  /** The open issue carrying the dashboard marker, when there is one. */
  readonly existing: { readonly number: number; readonly body: string } | undefined;
  readonly labels: readonly string[];
}

/** Opens the dashboard once, then edits it only when what it shows has changed. */
export function planDashboard(facts: DashboardFacts): Plan {
  if (!facts.enabled) return nothing("not-configured", "The Release Dashboard is off (dashboard: true turns it on).");
  const body = renderDashboard(facts.status);
  if (facts.existing === undefined) {
    return plan("Open the Release Dashboard.", [
      { kind: "create-issue", key: "dashboard", repo: facts.repo, title: DASHBOARD_TITLE, body, labels: facts.labels },
    ]);
  }
  // The executor appends its key marker to bodies it creates; it is not part of what is shown.
  const shown = facts.existing.body.replace(/\s*<!-- release-pilot:key=[^>]*-->\s*$/, "\n");
  if (shown.trimEnd() === body.trimEnd()) return nothing("already-done", "The Release Dashboard is up to date.");
  return plan("Refresh the Release Dashboard.", [
    { kind: "update-issue", key: `dashboard:${facts.existing.number}`, repo: facts.repo, number: facts.existing.number, body, expectedBody: facts.existing.body },
  ]);
}
