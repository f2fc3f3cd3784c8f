// What the Release Dashboard offers to do, as checkboxes (Renovate's Dependency Dashboard model):
// promote what succeeded on an environment to the next, retry a failed deploy, roll one back.
// Ticking a box runs its command as the person who ticked, through the same intake, permission
// and gates as the typed command (src/handlers/dashboard-tick.ts).
//
// The issue body is editable by anyone with triage or write access, so a box is only an index:
// its id (in a hidden marker) is looked up among the offers computed afresh from GitHub's state,
// and the command run is the one policy builds for that offer, never text from the body.
import { inertText } from "../markdown/inert.js";
import type { DeployedVersion, StatusFacts } from "../status/index.js";

export interface Offer {
  /** Stable while the offer stands: the same state renders the same id. */
  readonly id: string;
  /** What the box says. */
  readonly label: string;
  /** The slash command ticking it runs. */
  readonly command: string;
}

const MARKER_START = "<!-- release-pilot:offer=";
const MARKER_END = " -->";
/** Ids are built here from environment and app names, which the config schema keeps to this set. */
const ID_FORM = /^[A-Za-z0-9_.:/-]{1,200}$/;

function versionOf(deployed: DeployedVersion): string {
  return deployed.imageTag !== undefined && deployed.imageTag !== deployed.sha ? deployed.imageTag : deployed.sha.slice(0, 7);
}

/** The environments in the order code flows: each after those it requires, the rest in config order. */
function flowOrder(environments: StatusFacts["environments"]): StatusFacts["environments"] {
  const names = new Set(environments.map((env) => env.name));
  const placed: StatusFacts["environments"][number][] = [];
  const seen = new Set<string>();
  const visit = (env: StatusFacts["environments"][number], depth: number): void => {
    if (seen.has(env.name) || depth > environments.length) return;
    seen.add(env.name);
    for (const from of env.requires ?? []) {
      const before = environments.find((candidate) => candidate.name === from);
      if (before !== undefined && names.has(from)) visit(before, depth + 1);
    }
    placed.push(env);
  };
  for (const env of environments) visit(env, 0);
  return placed;
}

/**
 * Promotion follows `requires`; without it, code flows in the order the config lists the
 * environments (dev → staging → production), so each environment promotes to the next.
 */
function promotionPairs(environments: StatusFacts["environments"]): [string, string][] {
  const ordered = flowOrder(environments);
  const withRequires = ordered.filter((env) => (env.requires ?? []).length > 0);
  if (withRequires.length > 0) return withRequires.flatMap((env) => (env.requires ?? []).map((from): [string, string] => [from, env.name]));
  return ordered.slice(1).map((env, index): [string, string] => [ordered[index]?.name ?? "", env.name]);
}

export function dashboardOffers(facts: StatusFacts): Offer[] {
  const offers: Offer[] = [];
  const byName = new Map(facts.environments.map((env) => [env.name, env]));
  for (const [from, to] of promotionPairs(facts.environments)) {
    const source = byName.get(from);
    const target = byName.get(to);
    for (const { app, deployed } of source?.apps ?? []) {
      if (deployed === undefined) continue;
      const there = target?.apps.find((row) => row.app === app)?.deployed;
      if (there?.sha === deployed.sha) continue;
      const appPart = facts.multiApp ? ` ${app}` : "";
      offers.push({
        id: `promote:${from}:${to}:${app}`,
        label: `promote ${from} → ${to}${facts.multiApp ? ` (${app} ${versionOf(deployed)})` : ` (${versionOf(deployed)})`}`,
        command: `/promote ${from} ${to}${appPart}`,
      });
    }
  }
  for (const env of flowOrder(facts.environments)) {
    for (const { app, failed } of env.apps) {
      if (failed === undefined) continue;
      const appPart = facts.multiApp ? ` ${app}` : "";
      const sha7 = failed.sha.slice(0, 7);
      offers.push({
        id: `retry:${env.name}:${app}:${sha7}`,
        label: `retry ${env.name}${appPart} at ${versionOf(failed)}`,
        command: `/deploy ${env.name} ${sha7}${appPart}`,
      });
      offers.push({ id: `rollback:${env.name}:${app}`, label: `roll back ${env.name}${appPart}`, command: `/rollback ${env.name}${appPart}` });
    }
  }
  return offers.filter((offer) => ID_FORM.test(offer.id));
}

/** The checkbox lines, unticked: the dashboard is re-rendered after a tick, so a box never stays ticked. */
export function offerLines(offers: readonly Offer[]): string[] {
  return offers.map((offer) => `- [ ] ${inertText(offer.label)} ${MARKER_START}${offer.id}${MARKER_END}`);
}

/** Box states by offer id, read line by line without a regular expression over the whole body. */
function boxes(body: string): Map<string, boolean> {
  const found = new Map<string, boolean>();
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    const start = line.lastIndexOf(MARKER_START);
    if (start < 0 || !line.endsWith(MARKER_END)) continue;
    const id = line.slice(start + MARKER_START.length, line.length - MARKER_END.length);
    const box = line.slice(0, 6).toLowerCase();
    if (!ID_FORM.test(id) || (box !== "- [ ] " && box !== "- [x] ")) continue;
    found.set(id, box === "- [x] ");
  }
  return found;
}

/** The ids whose box went from unticked to ticked in this edit of the issue. */
export function tickedOfferIds(before: string, after: string): string[] {
  const was = boxes(before);
  return [...boxes(after)].filter(([id, ticked]) => ticked && was.get(id) === false).map(([id]) => id);
}
