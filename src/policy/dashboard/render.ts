// The Release Dashboard: one issue per repository, like Renovate's Dependency Dashboard is for
// dependencies. The same facts as /status, plus the promotion path, the unreleased PRs folded
// per app, and the failures still waiting for a person with the command that acts on each.
import { formatTime } from "../deploy/lock.js";
import { renderStatus, type StatusFacts } from "../status/index.js";
import { promotionChart } from "./promotion.js";
import { inertText } from "../markdown/inert.js";
import { dashboardOffers, offerLines } from "./offers.js";

/** Found by this marker, so any replica edits the one issue instead of opening another. */
export const DASHBOARD_MARKER = "<!-- release-pilot:dashboard -->";
export const DASHBOARD_TITLE = "Release Dashboard";
/** PRs listed per app before the rest are counted. */
const LISTED = 50;

function failureLines(facts: StatusFacts): string[] {
  const lines: string[] = [];
  for (const env of facts.environments) {
    for (const { app, failed } of env.apps) {
      if (failed === undefined) continue;
      const target = facts.multiApp ? ` ${app}` : "";
      const what = failed.imageTag ?? failed.ref;
      lines.push(
        `- **${env.name}**${facts.multiApp ? ` (${app})` : ""}: \`${what.replace(/`/g, "")}\` failed at ${formatTime(failed.at)} — retry with \`/deploy ${env.name} ${failed.sha.slice(0, 7)}${target}\` or go back with \`/rollback ${env.name}${target}\``,
      );
    }
  }
  return lines;
}

function unreleasedLines(facts: StatusFacts): string[] {
  return facts.apps.flatMap((app) => {
    const pulls = app.unreleased ?? [];
    if (pulls.length === 0) return [];
    const more = pulls.length > LISTED ? [`- and ${pulls.length - LISTED} more`] : [];
    return [
      `<details><summary>${app.name}: ${pulls.length}${app.capped ? "+" : ""} unreleased pull request${pulls.length === 1 ? "" : "s"}</summary>`,
      "",
      ...pulls.slice(0, LISTED).map((pull) => `- ${inertText(pull.title)} ([#${pull.number}](${pull.url}))`),
      ...more,
      "",
      "</details>",
    ];
  });
}

/** The whole body. No time stamp of its own, so an unchanged state renders the same text. */
export function renderDashboard(facts: StatusFacts): string {
  const chart = promotionChart(facts.environments);
  const failures = failureLines(facts);
  const unreleased = unreleasedLines(facts);
  const offers = offerLines(dashboardOffers(facts));
  // The status tables carry "at <now>" on their first line; the dashboard drops it so that an
  // edit happens only when something changed, not every time an event arrives.
  const [, ...status] = renderStatus(facts).split("\n");
  return [
    DASHBOARD_MARKER,
    "This issue is kept current by Release Pilot after every event. Type `/help` in any issue for the commands.",
    "",
    ...(chart.length > 0 ? ["#### Promotion path", "", ...chart] : []),
    ...status,
    ...(unreleased.length > 0 ? ["", ...unreleased] : []),
    ...(offers.length > 0
      ? ["", "#### Actions", "", "Tick a box to run its command as yourself, with the same permission and gates as typing it.", "", ...offers]
      : []),
    "",
    "#### Failures waiting for a person",
    "",
    ...(failures.length > 0 ? failures : ["None."]),
    "",
  ].join("\n");
}
