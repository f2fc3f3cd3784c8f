// Which apps a push touched: an app's `paths` globs matched against the files the push's commits
// added, modified or removed. The matcher is ./glob.ts: no RegExp, linear in the file name.
import { matchesGlob } from "./glob.js";

export { matchesGlob };

export function touchesPaths(files: readonly string[], globs: readonly string[]): boolean {
  return files.some((file) => globs.some((glob) => matchesGlob(file, glob)));
}

/** The files a push changed, from its commits' added/modified/removed lists (GitHub lists up to 20 commits). */
export function changedFiles(
  commits: readonly { readonly added?: readonly string[]; readonly modified?: readonly string[]; readonly removed?: readonly string[] }[],
): readonly string[] {
  const files = new Set<string>();
  for (const commit of commits) {
    for (const file of [...(commit.added ?? []), ...(commit.modified ?? []), ...(commit.removed ?? [])]) files.add(file);
  }
  return [...files];
}

/** GitHub puts at most this many commits in a push payload; beyond it the file lists are partial. */
export const PUSH_COMMIT_LIMIT = 20;

/**
 * The apps of a branch-following environment that a push should deploy. When the payload's commit
 * list may be cut short, every app is deployed: a redeploy of an unchanged app is harmless, a
 * missed deploy of a changed one is not.
 */
export function appsToDeploy(
  apps: readonly { readonly name: string; readonly paths: readonly string[] }[],
  commits: Parameters<typeof changedFiles>[0],
): readonly string[] {
  if (commits.length >= PUSH_COMMIT_LIMIT) return apps.map((app) => app.name);
  const files = changedFiles(commits);
  return apps.filter((app) => touchesPaths(files, app.paths)).map((app) => app.name);
}
