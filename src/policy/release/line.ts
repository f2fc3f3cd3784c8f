// A release belongs to its line. With `release_branch` set, a version whose series has a branch
// (1.4.1 → release-1.4) is cut on that branch: its changelog and version files there, the tag on
// its commit, and the version before it the newest tag of that series, not of the repository
// (v1.5.0 on main says nothing about what 1.4's next patch is).
import { parseChecklistMarker } from "../checklist/index.js";
import type { ReleaseCommand } from "../commands/types.js";
import type { AppConfig, Config } from "../config/index.js";
import { isRefName } from "../ref-name.js";
import { matchTemplate, tryRender } from "../template.js";
import type { Version, VersionScheme } from "../versions/index.js";
import type { ReleaseLine } from "./cut-facts.js";
import { schemeOf } from "./cut-version.js";
import { newestRelease } from "./version-line.js";
import { appOfTag } from "./which-app.js";

export type { ReleaseLine } from "./cut-facts.js";

/** The minor series of a version: what `{version}` stands for in a release-branch name. */
export function seriesOf(version: Pick<Version, "major" | "minor">): string {
  return `${version.major}.${version.minor}`;
}

/** The branch of a series, when the config names one and it renders to a valid branch name. */
export function branchOfSeries(config: Config, series: string): string | undefined {
  const template = config.lines.releaseBranch;
  if (template === null) return undefined;
  const rendered = tryRender(template, { version: series });
  return rendered.ok && isRefName(rendered.value) ? rendered.value : undefined;
}

/** The series a branch is for, when it is a release branch (`release-1.4` → `1.4`). */
export function seriesOfBranch(config: Config, branch: string): string | undefined {
  const template = config.lines.releaseBranch;
  return template === null ? undefined : matchTemplate(template, branch)?.["version"];
}

/**
 * The line a `/release` would be cut on, decided before anything is read beyond the comment: the
 * version comes from the checklist it was typed in, or is the one named. A level (`/release
 * patch`) outside a checklist releases the default branch. The handler then looks whether the
 * branch exists; only then is the release that line's.
 */
export function candidateLine(facts: {
  readonly config: Config;
  readonly command: ReleaseCommand;
  readonly issue: { readonly body: string };
}): ReleaseLine | undefined {
  const { config, command } = facts;
  if (!config.lines.cutOnBranch) return undefined;
  const scheme = schemeOf(config);
  const text = parseChecklistMarker(facts.issue.body)?.version ?? command.version;
  const version = text === undefined ? undefined : scheme.parse(text);
  if (version === undefined) return undefined;
  const series = seriesOf(version);
  const branch = branchOfSeries(config, series);
  return branch === undefined ? undefined : { branch, series };
}

/** Those of `tags` whose version is of the series: the history a release of that line follows. */
export function tagsOfSeries(tags: readonly string[], app: AppConfig, scheme: VersionScheme, series: string): readonly string[] {
  return tags.filter((tag) => {
    const text = matchTemplate(app.tag, tag, { app: app.name })?.["version"];
    const version = text === undefined ? undefined : scheme.parse(text);
    return version !== undefined && seriesOf(version) === series;
  });
}

/** The app's tags of final releases (no pre-release part), as its scheme reads them. */
function finalTags(tags: readonly string[], app: AppConfig, scheme: VersionScheme): string[] {
  return tags.filter((tag) => {
    const text = matchTemplate(app.tag, tag, { app: app.name })?.["version"];
    const version = text === undefined ? undefined : scheme.parse(text);
    return version !== undefined && version.pre === undefined;
  });
}

/**
 * Whether GitHub should show this release as the repository's latest: only when no final release
 * of a higher version exists. A patch of an older line published after a newer line is not it.
 */
export function isHighestRelease(tags: readonly string[], app: AppConfig, scheme: VersionScheme, version: string): boolean {
  const wanted = scheme.parse(version);
  const newest = newestRelease(finalTags(tags, app, scheme), app, scheme);
  return wanted === undefined || newest === undefined || scheme.compare(wanted, newest.version) >= 0;
}

/**
 * Why a published release is not deployed to the environments that follow releases: it is a
 * patch of an older line (1.4.2 published after 2.0.0), and those environments, with their
 * pointer tags, only move forward. Undefined when it is the newest, or lines are off.
 */
export function olderLineRelease(config: Config, tag: string, tags: readonly string[]): string | undefined {
  if (config.lines.releaseBranch === null) return undefined;
  const of = appOfTag(tag, config.apps);
  const app = of === undefined ? undefined : config.apps.find((candidate) => candidate.name === of.app);
  if (of === undefined || app === undefined) return undefined;
  const scheme = schemeOf(config);
  if (isHighestRelease(tags, app, scheme, of.version)) return undefined;
  const newest = newestRelease(finalTags(tags, app, scheme), app, scheme);
  return `${tag} is a release of an older line than ${newest?.tag ?? "the newest release"}, so the environments that follow releases (and their pointer tags) stay where they are; deploy it by hand with /deploy if you mean to.`;
}
