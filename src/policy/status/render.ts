// The `/status` answer: Markdown tables a person reads in a comment. Pure: facts in, text out;
// the time comes in the facts, so "expired" and "ago" are decided without a clock.
import { formatTime, isExpired, type Lock } from "../deploy/lock.js";
import type { AppStatus, ChecklistStatus, DeployedVersion, EnvironmentStatus, StatusFacts } from "./facts.js";
import { codeSpan, inertText } from "../markdown/inert.js";

/**
 * Text from GitHub goes into table cells: inert (no mention, HTML or marker), one line, and no
 * `|` to split the row (GFM splits on it even inside a code span).
 */
function cell(text: string): string {
  return inertText(text).replace(/\|/g, "\\|");
}

function version(deployed: DeployedVersion): string {
  const sha7 = deployed.sha.slice(0, 7);
  // A tag that is the sha itself (Openverse's staging images) says nothing the short sha does not.
  const tag = deployed.imageTag === deployed.sha ? undefined : deployed.imageTag;
  const name = tag ?? (deployed.ref === deployed.sha ? undefined : deployed.ref);
  return name === undefined ? `\`${sha7}\`` : `${codeSpan(name).replace(/\|/g, "\\|")} (\`${sha7}\`)`;
}

function lockText(lock: Lock | undefined, now: string): string {
  if (lock === undefined || isExpired(lock, now)) return "free";
  const why = lock.reason === "" ? "" : ` (${cell(lock.reason)})`;
  return `🔒 ${cell(lock.holder)}${why} until ${formatTime(lock.expiresAt)}`;
}

// Logins are written without @: a status table would otherwise notify everyone in it each time.
function environmentRows(env: EnvironmentStatus, facts: StatusFacts): string[] {
  const name = env.url === null ? `**${cell(env.name)}**` : `[**${cell(env.name)}**](${env.url})`;
  const lock = lockText(env.lock, facts.now);
  return env.apps.map(({ app, deployed }) => {
    const columns = deployed === undefined ? ["nothing deployed yet", "", ""] : [version(deployed), formatTime(deployed.at), cell(deployed.by)];
    return `| ${[name, ...(facts.multiApp ? [cell(app)] : []), ...columns, lock].join(" | ")} |`;
  });
}

function deployedSection(facts: StatusFacts): string[] {
  if (facts.environments.length === 0) return ["No environments are configured."];
  const header = ["environment", ...(facts.multiApp ? ["app"] : []), "version", "deployed", "by", "lock"];
  return [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...facts.environments.flatMap((env) => environmentRows(env, facts))];
}

function pulls(app: AppStatus): string {
  const count = `${app.mergedSince}${app.capped ? "+" : ""}`;
  return `${count} merged PR${app.mergedSince === 1 && !app.capped ? "" : "s"}`;
}

function releasedSection(facts: StatusFacts): string[] {
  const rows = facts.apps.map((app) => {
    const last =
      app.lastRelease === undefined ? "no release yet" : `[${cell(app.lastRelease.tag)}](${app.lastRelease.url}) (${formatTime(app.lastRelease.publishedAt)})`;
    const since = app.lastRelease === undefined ? pulls(app) : `${pulls(app)} since`;
    return `| ${cell(app.name)} | ${last} | ${since} |`;
  });
  return ["| app | last release | unreleased |", "| --- | --- | --- |", ...rows];
}

function checklistLine(checklist: ChecklistStatus): string {
  const progress = checklist.total === 0 ? "no task items" : `${checklist.done} of ${checklist.total} items done`;
  return `- [#${checklist.number} ${cell(checklist.title)}](${checklist.url}): ${progress}`;
}

export function renderStatus(facts: StatusFacts): string {
  const scope = facts.app === undefined ? "" : ` (${facts.app})`;
  const lines = [
    `**Status of ${facts.repo}${scope}** at ${formatTime(facts.now)}`,
    "",
    "#### Deployed",
    "",
    ...deployedSection(facts),
    "",
    "#### Unreleased",
    "",
    ...releasedSection(facts),
  ];
  if (facts.checklists !== undefined) {
    lines.push("", "#### Open checklists", "", ...(facts.checklists.length === 0 ? ["None."] : facts.checklists.map(checklistLine)));
  }
  return lines.join("\n");
}
