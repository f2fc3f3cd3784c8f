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
import { isVersionError, versionScheme, type Version, type VersionScheme } from "../versions/index.js";
import type { CutReleaseFacts } from "./cut-facts.js";

export type VersionChoice =
  | {
      readonly kind: "version";
      readonly version: string;
      readonly rc: boolean;
      /** The checklist issue this release closes, when the command was typed in one. */
      readonly checklist?: number;
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
  for (const path of app.versionFiles) {
    const content = facts.versionFiles[path];
    const text = content === undefined ? undefined : readVersion(content, path);
    const parsed = text === undefined ? undefined : scheme.parse(text);
    if (parsed !== undefined) return parsed;
  }
  return changelogVersion(facts, app, scheme, false);
}

/** The next candidate of `base`: one after the newest candidate tagged for it. */
function nextCandidate(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme, base: Version): Version {
  const candidates = taggedVersions(facts, app, scheme).filter((v) => v.rc !== undefined && scheme.compare(finalOf(v), finalOf(base)) === 0);
  const highest = Math.max(0, ...candidates.map((v) => v.rc ?? 0));
  return { ...finalOf(base), rc: highest + 1 };
}

function finalOf(v: Version): Version {
  return { major: v.major, minor: v.minor, patch: v.patch, extra: v.extra, raw: "" };
}

function fromChecklist(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme, issueVersion: string): VersionChoice {
  const { command } = facts;
  const wanted = scheme.parse(issueVersion);
  if (wanted === undefined) return refuse(`The checklist's version ${issueVersion} is not a ${scheme.name} version, so I cannot release it.`);
  if (command.level === "rc") {
    // Candidates are part of the checklist's work, so they are cut before every box is ticked.
    return { kind: "version", version: scheme.format(nextCandidate(facts, app, scheme, wanted)), rc: true };
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
  return { kind: "version", version: scheme.format(wanted), rc: false, checklist: facts.issue.number };
}

function fromArgument(facts: CutReleaseFacts, app: AppConfig, scheme: VersionScheme): VersionChoice {
  const { command } = facts;
  if (command.version !== undefined) {
    const given = scheme.parse(command.version);
    if (given === undefined) return refuse(`${command.version} is not a ${scheme.name} version; try /release patch.`);
    return { kind: "version", version: scheme.format(given), rc: given.rc !== undefined };
  }
  const upcoming = changelogVersion(facts, app, scheme, true);
  if (command.level === undefined) {
    if (upcoming !== undefined) return { kind: "version", version: scheme.format(upcoming), rc: upcoming.rc !== undefined };
    return refuse("Name the release: /release major, minor, patch, rc, final or an exact X.Y.Z.");
  }
  const current = currentVersion(facts, app, scheme);
  if (current === undefined) {
    return refuse(
      `I found no earlier release of ${app.name} (no tag like ${app.tag}, version file or changelog heading); type /release X.Y.Z to name the first one.`,
    );
  }
  if (command.level === "rc" && current.rc === undefined) {
    // A candidate leads to the release the changelog announces (GWCelery's `2.6.0 (unreleased)`),
    // else to the next patch: UKRDC goes 10.8.4 → 10.8.5rc1 → 10.8.5.
    const patch = scheme.next(current, "patch", { now: new Date(facts.now) });
    const target = upcoming !== undefined && scheme.compare(upcoming, current) > 0 ? upcoming : isVersionError(patch) ? undefined : patch;
    if (target === undefined) return refuse(`I cannot tell which release a candidate after ${scheme.format(current)} leads to; type /release X.Y.Zrc1.`);
    return { kind: "version", version: scheme.format(nextCandidate(facts, app, scheme, target)), rc: true };
  }
  const next = scheme.next(current, command.level, { now: new Date(facts.now) });
  if (isVersionError(next)) return refuse(next.error);
  return { kind: "version", version: scheme.format(next), rc: next.rc !== undefined };
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
