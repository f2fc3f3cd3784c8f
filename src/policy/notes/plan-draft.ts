// One draft GitHub release per affected app, refreshed on each push to the default branch:
// created when the app has none, updated only when its text changed, never a second one, and a
// published release is never touched (only drafts are ever candidates for an update).
import type { Versioning } from "../config/types.js";
import { nothing, plan, type Action, type Plan } from "../plan.js";
import { matchTemplate, tryRender } from "../template.js";
import { isVersionError, versionScheme, type Version } from "../versions/index.js";
import { inertText } from "../markdown/inert.js";
import { resolutionWhy, resolveLevel } from "../release/resolve-level.js";
import { renderNotes } from "./render.js";
import { affectedApps, appDrafts, draftKey, previousRelease, pullsForApp } from "./select.js";
import type { DraftNotesFacts, MergedPull, NotesApp, ReleaseFact } from "./types.js";

/** The version a fresh repository's first release gets under semver and PEP 440. */
export const FIRST_VERSION = "0.1.0";

const ZERO: Version = { major: 0, minor: 0, patch: 0, extra: [], width: 0, normal: "", raw: "" };

/**
 * The version the draft announces: now, for calendar versions; the next patch after the previous
 * release otherwise (the person publishing may still rename it to a minor or major).
 */
export function draftVersion(
  app: NotesApp,
  previous: ReleaseFact | undefined,
  versioning: Versioning,
  now: Date,
  level: "major" | "minor" | "patch" = "patch",
): string | undefined {
  const scheme = versionScheme(versioning.scheme, versioning.calver === null ? {} : { calver: versioning.calver });
  const text = previous === undefined ? undefined : matchTemplate(app.tag, previous.tag, { app: app.name })?.["version"];
  const current = text === undefined ? undefined : scheme.parse(text);
  if (versioning.scheme === "calver") {
    // A counter format (YY.MM.N) counts on from the previous release of the same stamp.
    const next = scheme.next(current ?? ZERO, "patch", { now });
    const fresh = isVersionError(next) ? scheme.next(ZERO, "patch", { now }) : next;
    return isVersionError(fresh) ? undefined : scheme.format(fresh);
  }
  if (previous === undefined) return FIRST_VERSION;
  if (current === undefined) return undefined;
  const next = scheme.next(current, level);
  return isVersionError(next) ? undefined : scheme.format(next);
}

/** Under `versioning.resolve`, the level the app's merged PRs name and the sentence the notes end with. */
function resolvedDraft(facts: DraftNotesFacts, pulls: readonly MergedPull[], previous: ReleaseFact | undefined) {
  const resolve = facts.versioning.resolve;
  if (resolve === undefined || facts.versioning.scheme === "calver") return undefined;
  const resolution = resolveLevel(resolve, pulls);
  return { level: resolution.level, why: resolutionWhy(resolution, previous === undefined ? undefined : inertText(previous.tag)) };
}

type AppOutcome = { readonly action: Action; readonly line: string } | { readonly skipped: string };

/** GitHub hands bodies back with CRLF line ends when a person edited them in the browser. */
function sameText(a: string, b: string): boolean {
  return a.replace(/\r\n/g, "\n").trimEnd() === b.replace(/\r\n/g, "\n").trimEnd();
}

/** Reading stopped at the bound before it reached this app's previous release. */
function boundHitFor(facts: DraftNotesFacts, since: string | null): number | undefined {
  if (!facts.truncated || facts.notes === null) return undefined;
  const oldest = facts.pulls[facts.pulls.length - 1]?.updatedAt;
  return since === null || oldest === undefined || oldest >= since ? facts.notes.maxPullRequests : undefined;
}

function planApp(facts: DraftNotesFacts, app: NotesApp): AppOutcome {
  const notes = facts.notes;
  if (notes === null) return { skipped: `${app.name}: notes are off` };
  const now = new Date(facts.now);
  const previous = previousRelease(app, facts.releases);
  const since = previous?.publishedAt ?? null;
  const pulls: readonly MergedPull[] = pullsForApp(app, facts.pulls, since);
  const resolved = resolvedDraft(facts, pulls, previous);
  const version = draftVersion(app, previous, facts.versioning, now, resolved?.level);
  if (version === undefined) return { skipped: `${app.name}: the previous release ${previous?.tag ?? ""} has no version to count on from` };
  const tag = tryRender(app.tag, { app: app.name, version, now });
  if (!tag.ok) return { skipped: `${app.name}: ${tag.error}` };
  const name = tryRender(facts.releaseName, { app: app.name, version, tag: tag.value, now });
  const boundHit = boundHitFor(facts, since);
  const body = renderNotes(pulls, {
    ...notes,
    app: app.name,
    version,
    tag: tag.value,
    ...(boundHit === undefined ? {} : { boundHit }),
    ...(resolved === undefined ? {} : { resolved: `Version ${version}, resolved ${resolved.why}.` }),
  });
  // The newest draft is the one kept up to date; older ones were made by hand and are left alone.
  const draft = [...appDrafts(app, facts.releases)].sort((a, b) => b.id - a.id)[0];
  if (draft === undefined) {
    if (body === "") return { skipped: `${app.name}: no pull requests since ${previous?.tag ?? "the start"}` };
    const action: Action = {
      kind: "create-release",
      key: `${draftKey(app.name)}:${tag.value}`,
      repo: facts.repo,
      tag: tag.value,
      name: name.ok ? name.value : tag.value,
      body,
      draft: true,
      prerelease: false,
      knownAbsent: true,
    };
    return { action, line: `draft ${tag.value} with ${pulls.length} pull request${pulls.length === 1 ? "" : "s"}` };
  }
  if (body === "" || sameText(body, draft.body)) return { skipped: `${app.name}: draft ${draft.tag} is up to date` };
  // A calendar version is "now", so it moves only when the notes do: an unchanged draft stays put.
  const action: Action = {
    kind: "update-release",
    key: `${draftKey(app.name)}:${draft.id}`,
    repo: facts.repo,
    releaseId: draft.id,
    tag: tag.value,
    name: name.ok ? name.value : tag.value,
    body,
  };
  return { action, line: `update draft ${draft.tag} → ${tag.value} with ${pulls.length} pull request${pulls.length === 1 ? "" : "s"}` };
}

export function planDraftNotes(facts: DraftNotesFacts): Plan {
  if (facts.notes === null || !facts.notes.draft) return nothing("not-configured", "Draft release notes are off (notes.draft).");
  if (facts.branch !== facts.defaultBranch) {
    return nothing("event-not-relevant", `Release notes are drafted from ${facts.defaultBranch}, not ${facts.branch}.`);
  }
  const apps = affectedApps(facts.apps, facts.changedFiles, facts.pushedCommits, facts.pulls);
  if (apps.length === 0) return nothing("event-not-relevant", "The push touched no app's paths and merged no app's labelled pull request.");
  const outcomes = apps.map((app) => planApp(facts, app));
  const actions = outcomes.flatMap((o) => ("action" in o ? [o.action] : []));
  const skipped = outcomes.flatMap((o) => ("skipped" in o ? [o.skipped] : []));
  if (actions.length === 0) return nothing("already-done", `Release notes need no change (${skipped.join("; ")}).`);
  const lines = outcomes.flatMap((o) => ("line" in o ? [o.line] : []));
  return plan(`Release notes: ${lines.join("; ")}.`, actions);
}
