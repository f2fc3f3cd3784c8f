// Which open issue is the Release Dashboard, and whether an event is one to refresh it on.
import { nothing, type Plan } from "../plan.js";
import { DASHBOARD_MARKER } from "./render.js";

export const DASHBOARD_LABELS: readonly string[] = ["release-dashboard"];

export const DASHBOARD_OFF = nothing("not-configured", "The Release Dashboard is off (dashboard: true turns it on).");

/** This app's open dashboard issue: an issue anyone else wrote with the marker is not it. */
export function dashboardOf(
  issues: readonly { readonly number: number; readonly body: string; readonly byThisApp: boolean }[],
): { readonly number: number; readonly body: string } | undefined {
  const found = issues.find((issue) => issue.byThisApp && issue.body.includes(DASHBOARD_MARKER));
  return found === undefined ? undefined : { number: found.number, body: found.body };
}

/** Why the dashboard is left alone for this event, or undefined when it is refreshed. */
export function dashboardNotRefreshed(enabled: boolean, event: { readonly name: string; readonly senderIsBot: boolean }): Plan | undefined {
  if (!enabled) return DASHBOARD_OFF;
  // The bot's own edits (the dashboard itself, progress lines) change nothing the dashboard shows.
  if (event.name === "issues" && event.senderIsBot)
    return nothing("event-not-relevant", "A bot's edit of an issue changes nothing the Release Dashboard shows.");
  return undefined;
}
