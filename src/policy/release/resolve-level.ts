// The next release's level from what was merged since the last one, as `versioning.resolve`
// says: release-drafter's version-resolver (the highest level whose labels a merged PR carries;
// https://github.com/release-drafter/release-drafter#version-resolver) or Conventional Commit
// titles (https://www.conventionalcommits.org/en/v1.0.0/: `feat` is minor, `!` before the colon
// is a breaking change, so major; every other type is a patch). A release always bumps, so
// nothing that names a level still makes a patch, as release-drafter's default does.
import type { VersionResolve } from "../config/types.js";
import { inertText } from "../markdown/inert.js";

export type ResolvedLevel = "major" | "minor" | "patch";

export interface ResolvePull {
  readonly number: number;
  readonly title: string;
  readonly labels: readonly string[];
}

export interface Resolution {
  readonly level: ResolvedLevel;
  /** The PR that decided it; absent when none named a level (then it is a patch). */
  readonly by?: { readonly number: number; readonly said: string };
  /** How many merged PRs were weighed. */
  readonly pulls: number;
}

/** The merged PRs a resolved level is decided from, with the release they follow. */
export interface MergedSince {
  /** When the app's previous release was published; null when it was never released. */
  readonly since: string | null;
  /** The tag of the app's previous release; absent when it was never released. */
  readonly sinceTag?: string;
  /** Closed PRs into the default branch as read (back to `since` at least); policy keeps the app's merged ones. */
  readonly pulls: readonly (ResolvePull & { readonly mergedAt: string | null })[];
}

const RANK: Readonly<Record<ResolvedLevel, number>> = { patch: 0, minor: 1, major: 2 };

// type, optional (scope), optional !, then the colon and a space. Anchored, no nested
// quantifiers: linear on any title. A title is untrusted; it is only ever tested, never built into a pattern.
const CONVENTIONAL = /^([A-Za-z][A-Za-z0-9-]{0,30})(\([^()\r\n]{0,100}\))?(!)?: \S/;

/** What one PR's title says under Conventional Commits, and the part of it that says so. */
export function conventionalLevel(title: string): { readonly level: ResolvedLevel; readonly said: string } | undefined {
  const match = CONVENTIONAL.exec(title.trim());
  if (match === null) return undefined;
  const type = (match[1] ?? "").toLowerCase();
  const said = `${match[1] ?? ""}${match[2] ?? ""}${match[3] ?? ""}:`;
  if (match[3] === "!") return { level: "major", said };
  return { level: type === "feat" ? "minor" : "patch", said };
}

function labelLevel(
  labels: readonly string[],
  lists: Extract<VersionResolve, { from: "labels" }>["labels"],
): { level: ResolvedLevel; said: string } | undefined {
  for (const level of ["major", "minor", "patch"] as const) {
    const label = labels.find((name) => lists[level].includes(name));
    if (label !== undefined) return { level, said: `label ${label}` };
  }
  return undefined;
}

/** The highest level the merged PRs name; the earliest-listed PR of that level is the one named. */
export function resolveLevel(resolve: VersionResolve, pulls: readonly ResolvePull[]): Resolution {
  let best: Resolution = { level: "patch", pulls: pulls.length };
  for (const pull of pulls) {
    const said = resolve.from === "labels" ? labelLevel(pull.labels, resolve.labels) : conventionalLevel(pull.title);
    if (said === undefined) continue;
    if (best.by === undefined || RANK[said.level] > RANK[best.level])
      best = { level: said.level, by: { number: pull.number, said: said.said }, pulls: pulls.length };
  }
  return best;
}

/**
 * The sentence saying why: "minor, from #12 (feat:) among 3 pull requests merged since 1.2.0".
 * The label or title part is anyone's text, so it goes in inert.
 */
export function resolutionWhy(resolution: Resolution, since: string | undefined): string {
  const after = since === undefined ? "merged so far" : `merged since ${since}`;
  const count = `${resolution.pulls} pull request${resolution.pulls === 1 ? "" : "s"} ${after}`;
  if (resolution.by === undefined) {
    return resolution.pulls === 0 ? `patch: no pull requests ${after}` : `patch: none of the ${count} names a level`;
  }
  return `${resolution.level}: #${resolution.by.number} (${inertText(resolution.by.said)}) among ${count}`;
}
