// Which apps a push affects, which release of an app came before, which PRs belong to an app's
// next release, and when the handler may stop reading pull requests.
import { touchesPaths } from "../deploy/paths.js";
import { matchTemplate } from "../template.js";
import type { MergedPull, NotesApp, ReleaseFact } from "./types.js";

/** The idempotency key of an app's draft. */
export function draftKey(app: string): string {
  return `notes-draft:${app}`;
}

function isAppTag(app: NotesApp, tag: string): boolean {
  return matchTemplate(app.tag, tag, { app: app.name }) !== undefined;
}

/**
 * The app's last published release: the newest non-draft, non-prerelease release whose tag fits
 * the app's tag template. Not GitHub's "latest", which is one release for the whole repository.
 */
export function previousRelease(app: NotesApp, releases: readonly ReleaseFact[]): ReleaseFact | undefined {
  let newest: ReleaseFact | undefined;
  for (const release of releases) {
    if (release.draft || release.prerelease || release.publishedAt === null) continue;
    if (!isAppTag(app, release.tag)) continue;
    if (newest === undefined || (newest.publishedAt ?? "") < release.publishedAt) newest = release;
  }
  return newest;
}

/**
 * The app's drafts, found by tag template. No marker is written into the body: the published
 * body is copied verbatim into changelog files, where a hidden comment would be litter.
 */
export function appDrafts(app: NotesApp, releases: readonly ReleaseFact[]): readonly ReleaseFact[] {
  return releases.filter((r) => r.draft && isAppTag(app, r.tag));
}

/** The oldest point any app's notes reach back to; null when some app was never released. */
export function readBackTo(apps: readonly NotesApp[], releases: readonly ReleaseFact[]): string | null {
  let oldest: string | undefined;
  for (const app of apps) {
    const since = previousRelease(app, releases)?.publishedAt;
    if (since === undefined || since === null) return null;
    if (oldest === undefined || since < oldest) oldest = since;
  }
  return oldest ?? null;
}

/**
 * Whether to read the next page of closed PRs (sorted by `updated_at`, newest first). A PR
 * merged after `since` was updated after it too, so the first older `updated_at` ends the search.
 */
export function shouldReadMore(page: readonly { readonly updatedAt: string }[], pageSize: number, read: number, since: string | null, max: number): boolean {
  if (page.length < pageSize || read >= max) return false;
  const last = page[page.length - 1];
  return since === null || last === undefined || last.updatedAt >= since;
}

/** Whether a PR belongs to an app: by its labels when the app has some, else every PR does. */
export function pullIsForApp(pull: MergedPull, app: NotesApp): boolean {
  return app.labels.length === 0 || pull.labels.some((label) => app.labels.includes(label));
}

/** The PRs of the app's next release: merged after its previous release, and labelled for it. */
export function pullsForApp(app: NotesApp, pulls: readonly MergedPull[], since: string | null): readonly MergedPull[] {
  return pulls.filter((pull) => pull.mergedAt !== null && (since === null || pull.mergedAt > since) && pullIsForApp(pull, app));
}

/**
 * The apps a push affects: those whose paths it changed, and those labelled on a PR it merged.
 * A single app is always affected; when the changed files are unknown every app is, since a
 * needless refresh changes nothing while a missed one leaves stale notes.
 */
export function affectedApps(
  apps: readonly NotesApp[],
  changedFiles: readonly string[] | "unknown",
  pushedCommits: readonly string[],
  pulls: readonly MergedPull[],
): readonly NotesApp[] {
  if (apps.length <= 1 || changedFiles === "unknown") return apps;
  const pushed = new Set(pushedCommits);
  const merged = pulls.filter((p) => p.mergeCommitSha !== null && pushed.has(p.mergeCommitSha));
  return apps.filter(
    (app) =>
      (app.paths.length > 0 && touchesPaths(changedFiles, app.paths)) ||
      (app.labels.length > 0 && merged.some((p) => p.labels.some((label) => app.labels.includes(label)))),
  );
}
