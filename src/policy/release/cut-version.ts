// Which version `/release` cuts. In a checklist issue the issue names it (and its gate must pass
// for a final release); elsewhere the argument does: an exact version, or a level applied to the
// current version. The current version is the newest release tag of the app, because tags are
// what was shipped and they only move when a release completes: a cut that died halfway and is
// retried computes the same version again. Without tags it is the version file, then the newest
// released changelog heading.
import { changelogFormat, type ChangelogFormat } from "../changelog/index.js";
import { parseChecklistMarker, releaseGate } from "../checklist/index.js";
import type { AppConfig, ChangelogConfig, Config } from "../config/index.js";
import { matchTemplate } from "../template.js";
import { readVersion } from "../version-files/index.js";
import {
  isVersionError,
  PRERELEASE_LEVELS,
  versionScheme,
  type Prerelease,
  type PrereleaseLevel,
  type Version,
  type VersionError,
  type VersionScheme,
} from "../versions/index.js";
import type { CutReleaseFacts } from "./cut-facts.js";
import { fragmentSections } from "../fragments/index.js";
import { resolvedCut } from "./resolve-cut.js";

export type VersionChoice =
  | {
      readonly kind: "version";
      readonly version: string;
      readonly rc: boolean;
      /** The checklist issue this release closes, when the command was typed in one. */
      readonly checklist?: number;
      /** Said in the reply when the scheme's normal form respelt the typed version. */
      readonly note?: string;
    }
  | { readonly kind: "refuse"; readonly reason: "bad-command" | "gate-refused"; readonly message: string };

export function schemeOf(config: Config): VersionScheme {
  return versionScheme(config.versioning.scheme, config.versioning.calver === null ? {} : { calver: config.versioning.calver });
}

export function formatOf(changelog: ChangelogConfig): ChangelogFormat {
  return changelogFormat(changelog.format, { heading: changelog.heading, unreleased: changelog.unreleased, empty: [changelog.empty] });
}

function refuse(message: string, reason: "bad-command" | "gate-refused" = "bad-command"): VersionChoice {
  return { kind: "refuse", reason, message };
}

/** Versions of the app's release tags, newest first. */
export function taggedVersions(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme): readonly Version[] {
  return taggedVersionsOf(facts.tags, app, scheme);
}

/** Versions of those of `tags` that follow the app's tag pattern, newest first. */
export function taggedVersionsOf(tags: readonly string[], app: AppConfig, scheme: VersionScheme): readonly Version[] {
  const out: Version[] = [];
  for (const tag of tags) {
    const text = matchTemplate(app.tag, tag, { app: app.name })?.["version"];
    const parsed = text === undefined ? undefined : scheme.parse(text);
    if (parsed !== undefined) out.push(parsed);
  }
  return out.sort((a, b) => scheme.compare(b, a));
}

function changelogVersion(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme, unreleased: boolean): Version | undefined {
  if (app.changelog === null || facts.changelog === undefined) return undefined;
  const section = formatOf(app.changelog)
    .head(facts.changelog)
    .sections.find((s) => s.heading.unreleased === unreleased && s.heading.version !== undefined);
  return section?.heading.version === undefined ? undefined : scheme.parse(section.heading.version);
}

export function currentVersion(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme): Version | undefined {
  const tagged = taggedVersions(facts, app, scheme)[0];
  if (tagged !== undefined) return tagged;
  for (const file of app.versionFiles) {
    const content = facts.versionFiles[file.path];
    const text = content === undefined ? undefined : readVersion(content, file);
    const parsed = text === undefined ? undefined : scheme.parse(text);
    if (parsed !== undefined) return parsed;
  }
  return changelogVersion(facts, app, scheme, false);
}

/** The project's newest pre-release tag, whose spelling (`-rc.1`, `-rc1`, `-beta.1`) a new one keeps. */
function projectStyle(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme): Prerelease | undefined {
  return taggedVersions(facts, app, scheme).find((v) => v.pre !== undefined && v.pre.level !== "other")?.pre;
}

/** The next `level` pre-release of `base`: one after the newest of that stage tagged for it. */
function nextPrerelease(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme, base: Version, level: PrereleaseLevel): Version | VersionError {
  const final = scheme.finalOf(base);
  const numbers = taggedVersions(facts, app, scheme)
    .filter((v) => v.pre?.level === level && scheme.compare(scheme.finalOf(v), final) === 0)
    .map((v) => v.pre?.number ?? 0);
  return scheme.prerelease(final, level, Math.max(0, ...numbers) + 1, projectStyle(facts, app, scheme));
}

function chosen(scheme: VersionScheme, version: Version | VersionError, checklist?: number): VersionChoice {
  if (isVersionError(version)) return refuse(version.error);
  const choice = { kind: "version" as const, version: scheme.format(version), rc: version.pre !== undefined };
  return checklist === undefined ? choice : { ...choice, checklist };
}

function isPrereleaseLevel(level: string | undefined): level is PrereleaseLevel {
  return PRERELEASE_LEVELS.some((candidate) => candidate === level);
}

/** The refusal of a typed version the scheme does not read, with the nearest one it does. */
function notOfScheme(scheme: VersionScheme, typed: string): VersionChoice {
  const nearest = scheme.nearest(typed);
  const hint = nearest === undefined ? "try /release patch" : `the nearest ${scheme.name} version is ${nearest}, so try /release ${nearest}`;
  return refuse(`${typed} is not a ${scheme.name} version; ${hint}.`);
}

function fromChecklist(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme, issueVersion: string): VersionChoice {
  const { command } = facts;
  const wanted = scheme.parse(issueVersion);
  if (wanted === undefined) return refuse(`The checklist's version ${issueVersion} is not a ${scheme.name} version, so I cannot release it.`);
  if (isPrereleaseLevel(command.level)) {
    // Pre-releases are part of the checklist's work, so they are cut before every box is ticked.
    return chosen(scheme, nextPrerelease(facts, app, scheme, wanted, command.level));
  }
  if (command.level !== undefined && command.level !== "final") {
    return refuse(`This checklist is for ${issueVersion}, so the version comes from it; type /release here (or /release rc for a candidate).`);
  }
  if (command.version !== undefined) {
    const given = scheme.parse(command.version);
    if (given === undefined || scheme.compare(given, wanted) !== 0) {
      return refuse(`This checklist is for ${issueVersion}, not ${command.version}; type /release here, or /release ${command.version} in another issue.`);
    }
  }
  const gate = releaseGate({ body: facts.issue.body, requireComplete: facts.config.checklist?.requireComplete ?? true });
  if (gate.kind === "refuse") return refuse(gate.message, "gate-refused");
  return chosen(scheme, wanted, facts.issue.number);
}

/**
 * The sentence saying the scheme's normal form respelt a typed version (PEP 440 writes
 * `1.3.0-rc1` as `1.3.0rc1`), or undefined when it was tagged as typed. Computed from the command
 * again on a redelivery, so the finished reply reads the same.
 */
export function respeltNote(scheme: VersionScheme, typed: string | undefined, version: string): string | undefined {
  if (typed === undefined || typed === version) return undefined;
  const given = scheme.parse(typed);
  const tagged = scheme.parse(version);
  if (given === undefined || tagged === undefined || scheme.compare(given, tagged) !== 0) return undefined;
  return `(${scheme.name === "pep440" ? "PEP 440" : scheme.name} writes ${typed} as ${version}, so that is the version tagged.)`;
}

/** An exact version is tagged as typed; only a scheme's normal form may respell it, and then the reply says so. */
function fromTyped(scheme: VersionScheme, typed: string): VersionChoice {
  const given = scheme.parse(typed);
  if (given === undefined) return notOfScheme(scheme, typed);
  const choice = chosen(scheme, given);
  if (choice.kind !== "version") return choice;
  const note = respeltNote(scheme, typed, choice.version);
  return note === undefined ? choice : { ...choice, note };
}

function fromArgument(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme): VersionChoice {
  const { command } = facts;
  if (command.version !== undefined) return fromTyped(scheme, command.version);
  const upcoming = changelogVersion(facts, app, scheme, true);
  const resolved =
    command.level === undefined ? (facts.merged !== undefined ? resolvedCut(facts.config, app, facts.merged) : changesetsLevel(facts, app)) : undefined;
  if (command.level === undefined && resolved === undefined) {
    if (upcoming !== undefined) return chosen(scheme, upcoming);
    return refuse("Name the release: /release major, minor, patch, alpha, beta, rc, final or an exact version such as 1.2.0.");
  }
  const current = currentVersion(facts, app, scheme);
  if (current === undefined) {
    return refuse(
      `I found no earlier release of ${app.name} (no tag like ${app.tag}, version file or changelog heading); type /release X.Y.Z to name the first one.`,
    );
  }
  const now = new Date(facts.now);
  if (isPrereleaseLevel(command.level) && current.pre === undefined && scheme.name !== "calver") {
    // A candidate leads to the release the changelog announces (GWCelery's `2.6.0 (unreleased)`),
    // else to the next patch: UKRDC goes 10.8.4 → 10.8.5rc1 → 10.8.5.
    const patch = scheme.next(current, "patch", { now });
    const target = upcoming !== undefined && scheme.compare(upcoming, current) > 0 ? upcoming : isVersionError(patch) ? undefined : patch;
    if (target === undefined)
      return refuse(`I cannot tell which release a ${command.level} after ${scheme.format(current)} leads to; name it, e.g. /release X.Y.Zrc1.`);
    return chosen(scheme, nextPrerelease(facts, app, scheme, target, command.level));
  }
  const style = projectStyle(facts, app, scheme);
  const level = command.level ?? resolved?.resolution.level ?? "patch";
  const choice = chosen(scheme, scheme.next(current, level, style === undefined ? { now } : { now, style }));
  return choice.kind === "version" && resolved !== undefined ? { ...choice, note: resolved.note } : choice;
}

/** Changesets name each change's level, and `changeset version` bumps by the highest: a bare /release does the same. */
function changesetsLevel(
  facts: CutReleaseFacts,
  app: AppConfig,
): { readonly resolution: { readonly level: "major" | "minor" | "patch" }; readonly note: string } | undefined {
  const config = app.changelog?.fragments;
  if (config?.tool !== "changesets" || facts.fragments === undefined) return undefined;
  const read = fragmentSections(config, facts.fragments);
  if ("error" in read || read.level === undefined) return undefined;
  const count = read.used.filter((f) => f.type !== "none").length;
  return {
    resolution: { level: read.level },
    note: `(Resolved ${read.level}: the highest level of the ${count} changeset${count === 1 ? "" : "s"} in ${config.directory}.)`,
  };
}

export function chooseVersion(facts: CutReleaseFacts, app: AppConfig): VersionChoice {
  const scheme = schemeOf(facts.config);
  const marker = parseChecklistMarker(facts.issue.body);
  if (marker !== undefined && (marker.app === undefined || marker.app === app.name)) return fromChecklist(facts, app, scheme, marker.version);
  return fromArgument(facts, app, scheme);
}

/** Whether `version` has a tag (exact spelling or the same version spelled otherwise). */
export function versionIsTagged(facts: CutReleaseFacts, app: AppConfig, version: string): boolean {
  const scheme = schemeOf(facts.config);
  const wanted = scheme.parse(version);
  return wanted !== undefined && taggedVersions(facts, app, scheme).some((v) => scheme.compare(v, wanted) === 0);
}
