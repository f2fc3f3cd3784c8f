// `/release` with no level under `versioning.resolve`: which pull requests it must read (those
// merged since the app's previous release) and the level and sentence they give.
import { parseChecklistMarker } from "../checklist/index.js";
import type { AppConfig, Config } from "../config/index.js";
import { inertText } from "../markdown/inert.js";
import { matchTemplate } from "../template.js";
import { cutMarker } from "./cut-facts.js";
import { resolutionWhy, resolveLevel, type MergedSince, type Resolution } from "./resolve-level.js";

/** A release as the read list gives it: enough to tell the app's previous one. */
export interface SinceRelease {
  readonly tag: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  readonly publishedAt: string | null;
}

/**
 * When the level is resolved, the time to read merged PRs back to (null: from the start) and
 * that release's tag; undefined when /release reads none. The release this very comment cut is
 * passed over, so a redelivered comment weighs the same PRs and answers the same.
 */
export function resolveReadsOf(input: {
  readonly config: Config;
  readonly app: AppConfig | string;
  readonly command: { readonly level?: string | undefined; readonly version?: string | undefined };
  readonly issueBody: string;
  readonly commentId: number;
  readonly releases: readonly SinceRelease[];
}): { readonly since: string | null; readonly sinceTag?: string } | undefined {
  const { config, app, command } = input;
  if (config.versioning.resolve === undefined || typeof app === "string") return undefined;
  if (command.level !== undefined || command.version !== undefined) return undefined;
  const marker = parseChecklistMarker(input.issueBody);
  if (marker !== undefined && (marker.app === undefined || marker.app === app.name)) return undefined;
  const mine = cutMarker(input.commentId);
  let newest: SinceRelease | undefined;
  for (const release of input.releases) {
    if (release.draft || release.prerelease || release.publishedAt === null || release.body.includes(mine)) continue;
    if (matchTemplate(app.tag, release.tag, { app: app.name }) === undefined) continue;
    if (newest === undefined || (newest.publishedAt ?? "") < release.publishedAt) newest = release;
  }
  return newest === undefined ? { since: null } : { since: newest.publishedAt, sinceTag: newest.tag };
}

/** The app's PRs among those merged after `since` (by its labels when it has some, as the draft notes do). */
function mergedForApp(app: AppConfig, pulls: MergedSince["pulls"], since: string | null): MergedSince["pulls"] {
  return pulls.filter(
    (pull) =>
      pull.mergedAt !== null && (since === null || pull.mergedAt > since) && (app.labels.length === 0 || pull.labels.some((l) => app.labels.includes(l))),
  );
}

/** The level and the reply's sentence, e.g. "(Resolved minor: #12 (feat:) among 3 pull requests merged since v1.2.0.)". */
export function resolvedCut(config: Config, app: AppConfig, merged: MergedSince): { readonly resolution: Resolution; readonly note: string } | undefined {
  const resolve = config.versioning.resolve;
  if (resolve === undefined) return undefined;
  const resolution = resolveLevel(resolve, mergedForApp(app, merged.pulls, merged.since));
  const since = merged.sinceTag === undefined ? undefined : inertText(merged.sinceTag);
  return { resolution, note: `(Resolved ${resolutionWhy(resolution, since)}.)` };
}
