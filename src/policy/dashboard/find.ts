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

/**
 * Events announcing this app's own writes that the run which wrote them has already shown: that
 * run refreshes the dashboard last (src/handlers/dashboard.ts), after its lock refs, tags, release
 * commits, deployment statuses and comments. A published release is not among them, since what
 * it sets off (changelog, deploys, closing the checklist) is only done on its event.
 */
const OWN_WRITE_EVENTS: ReadonlySet<string> = new Set(["push", "deployment_status", "issue_comment", "issues"]);

/** Why the dashboard is left alone for this event, or undefined when it is refreshed. */
export function dashboardNotRefreshed(
  enabled: boolean,
  event: { readonly name: string; readonly senderIsBot: boolean; readonly senderIsThisApp?: boolean },
): Plan | undefined {
  if (!enabled) return DASHBOARD_OFF;
  // The bot's own edits (the dashboard itself, progress lines) change nothing the dashboard shows.
  if (event.name === "issues" && event.senderIsBot)
    return nothing("event-not-relevant", "A bot's edit of an issue changes nothing the Release Dashboard shows.");
  if (event.senderIsThisApp === true && OWN_WRITE_EVENTS.has(event.name))
    return nothing("event-not-relevant", `This app's own ${event.name} was shown on the Release Dashboard by the run that made it.`);
  return undefined;
}
