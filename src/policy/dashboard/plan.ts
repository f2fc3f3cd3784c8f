import { nothing, plan, type Plan, type RepoRef } from "../plan.js";
import { KEY_MARKER_START } from "../markers/key.js";
import type { StatusFacts } from "../status/index.js";
import { DASHBOARD_OFF } from "./find.js";
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
  if (!facts.enabled) return DASHBOARD_OFF;
  const body = renderDashboard(facts.status);
  if (facts.existing === undefined) {
    return plan("Open the Release Dashboard.", [
      { kind: "create-issue", key: "dashboard", repo: facts.repo, title: DASHBOARD_TITLE, body, labels: facts.labels },
    ]);
  }
  // The executor appends its key marker to bodies it creates; it is not part of what is shown.
  if (withoutTrailingMarker(facts.existing.body) === body.trimEnd()) return nothing("already-done", "The Release Dashboard is up to date.");
  return plan("Refresh the Release Dashboard.", [
    {
      kind: "update-issue",
      key: `dashboard:${facts.existing.number}`,
      repo: facts.repo,
      number: facts.existing.number,
      body,
      expectedBody: facts.existing.body,
    },
  ]);
}

/**
 * The body less the key marker at its end, trimmed. Done with indexOf rather than a `\s*...\s*$`
 * regex: people with write access may edit the dashboard, and such a regex backtracks
 * quadratically over a long run of spaces that is not at the end.
 */
function withoutTrailingMarker(body: string): string {
  const trimmed = body.trimEnd();
  const start = trimmed.lastIndexOf(KEY_MARKER_START);
  if (start < 0 || !trimmed.endsWith("-->") || trimmed.indexOf(">", start) !== trimmed.length - 1) return trimmed;
  return trimmed.slice(0, start).trimEnd();
}
