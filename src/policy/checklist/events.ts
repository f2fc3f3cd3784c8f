// Which events open, close or track a checklist, decided from the payload and config alone so
// that every other event costs no API call; a "no" is a plan saying why.
import type { ChecklistConfig, Config } from "../config/index.js";
import { nothing, type Plan } from "../plan.js";
import { appOfTag } from "../release/which-app.js";
import { matchTemplate } from "../template.js";
import { markerMatches, parseChecklistMarker } from "./marker.js";
import type { ChecklistSettings, ChecklistTrigger } from "./settings.js";

export function checklistSettings(checklist: ChecklistConfig): ChecklistSettings {
  return {
    title: checklist.title,
    labels: checklist.labels,
    requireComplete: checklist.requireComplete,
    openOn: checklist.openOn,
    template: checklist.template,
  };
}

/** A checklist to open, or the plan that says why none is. */
export type OpenDecision =
  | { readonly kind: "open"; readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger }
  | { readonly kind: "none"; readonly plan: Plan };

/** The only app, when there is one; a monorepo must name it (in the branch or the tag). */
function soleApp(config: Config): string | undefined {
  return config.apps.length === 1 ? config.apps[0]?.name : undefined;
}

/** Whether a push opens a checklist: only the push that creates a release branch does. */
export function releaseBranchChecklist(config: Config, push: { readonly ref: string; readonly created: boolean; readonly deleted: boolean }): OpenDecision {
  const skip: OpenDecision = { kind: "none", plan: nothing("event-not-relevant", "The push does not create a release branch that opens a checklist.") };
  const checklist = config.checklist;
  // Only the push that creates the branch: later pushes to it are fixes, not a new release.
  if (checklist === null || !push.created || push.deleted || !push.ref.startsWith("refs/heads/")) return skip;
  // Checked here as well as in planOpenChecklist so that every other push costs no API call.
  if (!checklist.openOn.includes("release-branch")) return skip;
  const branch = push.ref.slice("refs/heads/".length);
  const groups = matchTemplate(checklist.releaseBranch, branch);
  if (groups === undefined) return skip;
  const named = groups["app"];
  const app = named !== undefined && config.apps.some((a) => a.name === named) ? named : soleApp(config);
  if (app === undefined) {
    return {
      kind: "none",
      plan: nothing("event-not-relevant", `The release branch ${branch} names no app in a repository with several; no checklist opened.`),
    };
  }
  const series = groups["version"];
  return { kind: "open", checklist, app, trigger: { kind: "release-branch", branch, ...(series === undefined ? {} : { series }) } };
}

/**
 * Whether a prerelease or a draft release opens a checklist. `release.created` also fires for
 * releases published directly; only drafts open one then.
 */
export function releaseChecklist(
  config: Config,
  release: { readonly tag_name: string; readonly draft: boolean },
  kind: "prerelease" | "draft-release",
): OpenDecision {
  if (kind === "draft-release" && !release.draft) {
    return { kind: "none", plan: nothing("event-not-relevant", "Only a draft release opens a checklist on release.created.") };
  }
  const checklist = config.checklist;
  if (checklist === null || !checklist.openOn.includes(kind))
    return { kind: "none", plan: nothing("event-not-relevant", `Checklists are not opened on a ${kind}.`) };
  const tag = release.tag_name;
  const app = appOfTag(tag, config.apps)?.app ?? soleApp(config);
  if (app === undefined) return { kind: "none", plan: nothing("event-not-relevant", `The tag ${tag} belongs to no configured app; no checklist opened.`) };
  return { kind: "open", checklist, app, trigger: { kind, tag } };
}

/** The version and app whose checklist a published release closes, or the plan that says it closes none. */
export function releaseClosesChecklist(
  config: Config,
  release: { readonly tag_name: string; readonly draft: boolean; readonly prerelease: boolean },
):
  | { readonly kind: "close"; readonly checklist: ChecklistConfig; readonly app: string; readonly version: string }
  | { readonly kind: "none"; readonly plan: Plan } {
  const checklist = config.checklist;
  const none = { kind: "none", plan: nothing("event-not-relevant", "This release closes no checklist.") } as const;
  // A candidate (`v2.6.0rc1`) is tried while its final version's checklist stays open.
  if (checklist === null || release.draft || release.prerelease) return none;
  const of = appOfTag(release.tag_name, config.apps);
  return of === undefined ? none : { kind: "close", checklist, app: of.app, version: of.version };
}

/** The open checklist of that version among the issues carrying the checklist labels. */
export function checklistOf<I extends { readonly body: string }>(open: readonly I[], of: { readonly app: string; readonly version: string }): I | undefined {
  return open.find((candidate) => markerMatches(parseChecklistMarker(candidate.body), of.version, of.app));
}

/** Whether an issue event is about a checklist to track; undefined when it is, else the plan saying why not. */
export function tracksChecklist(
  config: Config,
  event: { readonly action: string; readonly senderType: string | undefined; readonly number: number; readonly body: string },
): Plan | undefined {
  const not = nothing("event-not-relevant", `Issue #${event.number} is not a checklist the bot tracks on this event.`);
  if (config.checklist === null) return not;
  // Our own edits (and other bots') come back as `edited`; the bot's own `opened` is what adds
  // the progress line to a checklist it just opened, so that one is kept.
  if (event.action === "edited" && event.senderType === "Bot") return not;
  // Most issues are not checklists: they cost no API call.
  return parseChecklistMarker(event.body) === undefined ? not : undefined;
}

function asks(body: string, fact: string): boolean {
  return new RegExp(`<!--\\s*release-pilot:auto\\s+${fact}\\s*-->`).test(body);
}

/** Which facts the body's auto items (`<!-- release-pilot:auto ci-green -->`) ask for; the others are never read. */
export function askedAutoFacts(body: string): { readonly ci: boolean; readonly changelog: boolean; readonly staging: boolean } {
  return { ci: asks(body, "ci-green"), changelog: asks(body, "changelog-ready"), staging: asks(body, "staging-deployed") };
}
