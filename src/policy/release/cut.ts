// `/release`: from the facts of one command comment to the plan that cuts the release. The order
// is GWCelery's: commit the finalised changelog (and bumped version files), tag that commit,
// publish the GitHub release with the changelog section as notes, then go back to development.
import { parseChecklistMarker } from "../checklist/index.js";
import { reply } from "../command-intake.js";
import type { AppConfig } from "../config/index.js";
import type { Action, CommitRef, Plan, Reason } from "../plan.js";
import { matchTemplate, tryRender } from "../template.js";
import { alreadyCommitted, codenameFor, nextUnreleased, releaseCommit, releaseCommitMessage, type ChangelogFile } from "./cut-changes.js";
import { cutMarker, type CutReleaseFacts, type ExistingRelease } from "./cut-facts.js";
import { releasedReply, cuttingReply, type ReleasedReply } from "./cut-reply.js";
import { chooseVersion, formatOf, respeltNote, schemeOf, versionIsTagged } from "./cut-version.js";
import { newestRelease, notAboveNewest } from "./version-line.js";
import { isHighestRelease, tagsOfSeries } from "./line.js";
import { lineNotes } from "./line-notes.js";
import { resolvedCut } from "./resolve-cut.js";
import { directCommitRefusal, protectionUnknown, unknownProtectionNote } from "./protection.js";

export type CutOutcome =
  | { readonly kind: "answered" }
  /** After the plan ran, the reply is finished with the release's address from `releaseKey`'s effect. */
  | { readonly kind: "cut"; readonly releaseKey: string; readonly reply: Omit<ReleasedReply, "releaseUrl"> };

export interface CutDecision {
  readonly plan: Plan;
  readonly outcome: CutOutcome;
}

function answer(facts: CutReleaseFacts, reason: Exclude<Reason, "planned">, text: string): CutDecision {
  return { plan: { reason, summary: text, actions: [reply({ ...facts, issueNumber: facts.issue.number }, text)] }, outcome: { kind: "answered" } };
}

export function pickApp(facts: Pick<CutReleaseFacts, "config" | "command" | "issue">): AppConfig | string {
  const { apps } = facts.config;
  const name = facts.command.app ?? parseChecklistMarker(facts.issue.body)?.app;
  if (name !== undefined) {
    return apps.find((app) => app.name === name) ?? `There is no app named ${name}; the apps are ${apps.map((a) => a.name).join(", ")}.`;
  }
  const [only, ...others] = apps;
  if (only !== undefined && others.length === 0) return only;
  return `This repository has several apps (${apps.map((a) => a.name).join(", ")}); name one, e.g. /release patch ${only?.name ?? "app"}.`;
}

/** A webhook's issue as the cut reads it: labels by name, however GitHub spelled them. */
export function commandIssueOf(issue: {
  readonly number: number;
  readonly title: string;
  readonly body?: string | null;
  readonly labels?: readonly (string | { readonly name?: string })[];
}): CutReleaseFacts["issue"] {
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? "",
    labels: (issue.labels ?? []).flatMap((label) => (typeof label === "string" ? [label] : label.name === undefined ? [] : [label.name])),
  };
}

/** The app a /release cuts, and the files at the head it must read: the changelog, the version files. */
export function releaseReads(facts: Pick<CutReleaseFacts, "config" | "command" | "issue">): {
  readonly app: AppConfig | string;
  readonly changelogPath: string | undefined;
  readonly versionFiles: readonly string[];
} {
  const app = pickApp(facts);
  if (typeof app === "string") return { app, changelogPath: undefined, versionFiles: [] };
  return {
    app,
    changelogPath: app.changelog?.target.kind === "file" ? app.changelog.target.file : undefined,
    versionFiles: app.versionFiles.map((file) => file.path),
  };
}

function changelogFile(facts: CutReleaseFacts, app: AppConfig): ChangelogFile | undefined | string {
  const config = app.changelog;
  if (config === null || config.target.kind !== "file") return undefined;
  if (facts.changelog === undefined) {
    return `The changelog ${config.target.file} is not on ${cutBranch(facts)}; add it with an unreleased section, or remove changelog.file from .github/release-pilot.yml.`;
  }
  return { config, path: config.target.file, format: formatOf(config), text: facts.changelog };
}

/** The reply of a release this very comment made: the same text the first run finished with. */
function alreadyReleased(facts: CutReleaseFacts, app: AppConfig, changelog: ChangelogFile | undefined, release: ExistingRelease): CutDecision {
  const version = matchTemplate(app.tag, release.tag, { app: app.name })?.["version"] ?? release.tag;
  const codename = codenameFor(facts.config, changelog, version);
  const text = releasedReply({
    version,
    codename: codename.ok ? codename.value : undefined,
    rc: release.prerelease,
    tag: release.tag,
    repoUrl: facts.repoUrl,
    releaseUrl: release.url,
    changelogFile: changelog?.path,
    versionFiles: app.versionFiles.map((file) => file.path),
    nextUnreleased: nextUnreleased(changelog, schemeOf(facts.config), version, release.prerelease),
    // A redelivery weighs the same merged PRs (its own release is passed over), so says the same.
    note:
      respeltNote(schemeOf(facts.config), facts.command.version, version) ??
      (facts.merged === undefined || facts.command.level !== undefined ? undefined : resolvedCut(facts.config, app, facts.merged)?.note),
  });
  return answer(facts, "already-done", text);
}

/** The branch the release is committed and tagged on: its line's, or the default branch. */
function cutBranch(facts: CutReleaseFacts): string {
  return facts.line?.branch ?? facts.defaultBranch;
}

/**
 * On a line, the release follows only that series' tags: the version before it, the candidates,
 * and the "not above the newest" rule all read them (every tag still counts as taken).
 */
function scopedToLine(facts: CutReleaseFacts, app: AppConfig): CutReleaseFacts {
  return facts.line === undefined ? facts : { ...facts, tags: tagsOfSeries(facts.tags, app, schemeOf(facts.config), facts.line.series) };
}

export function planCutRelease(all: CutReleaseFacts): CutDecision {
  const picked = pickApp(all);
  const facts = typeof picked === "string" ? all : scopedToLine(all, picked);
  const app = pickApp(facts);
  if (typeof app === "string") return answer(facts, "bad-command", app);
  const changelog = changelogFile(facts, app);
  if (typeof changelog === "string") return answer(facts, "not-configured", changelog);

  // A redelivered comment finds the release it made, whatever version a level would give now.
  // Only a release this app wrote says it cut one for this comment: the marker is text.
  const mine = facts.releases.find((release) => release.byThisApp !== false && release.body.includes(cutMarker(facts.commentId)));
  if (mine !== undefined) return alreadyReleased(facts, app, changelog, mine);

  const choice = chooseVersion(facts, app);
  if (choice.kind === "refuse") return answer(facts, choice.reason, choice.message);
  const { version, rc, checklist } = choice;
  const tagResult = tryRender(app.tag, { version, app: app.name });
  if (!tagResult.ok) return answer(facts, "config-invalid", `I cannot name the tag of ${version}: ${tagResult.error}`);
  const tag = tagResult.value;

  const existing = facts.releases.find((release) => release.tag === tag);
  if (existing !== undefined) {
    return answer(
      facts,
      "already-done",
      `${version} is already released ([${tag}](${existing.url})), so there is nothing to cut; type /release with a newer version.`,
    );
  }
  const committed = alreadyCommitted(facts, app, changelog, version);
  const tagged = facts.tags.includes(tag) || versionIsTagged(facts, app, version);
  // Only a cut that died after its commit and tag may name the newest release again: it resumes.
  const stale = notAboveNewest({
    version,
    tags: facts.tags,
    app,
    scheme: schemeOf(facts.config),
    now: facts.now,
    command: "release",
    nameApp: facts.config.apps.length > 1,
  });
  if (stale !== undefined && !(tagged && committed && versionIsNewest(facts, app, version))) return answer(facts, "gate-refused", stale);
  if (tagged && !committed) {
    return answer(
      facts,
      "gate-refused",
      `The tag ${tag} (or another spelling of ${version}) is already taken by a commit that is not this release's; type /release with a newer version.`,
    );
  }

  const codename = codenameFor(facts.config, changelog, version);
  if (!codename.ok) return answer(facts, "not-configured", codename.error);
  const values = { version, codename: codename.value, tag, app: app.name, rc, checklist };
  const actions: Action[] = [];
  const replyFacts = { ...facts, issueNumber: facts.issue.number };
  const common = {
    version,
    codename: codename.value,
    rc,
    tag,
    repoUrl: facts.repoUrl,
    changelogFile: changelog?.path,
    versionFiles: app.versionFiles.map((file) => file.path),
    nextUnreleased: nextUnreleased(changelog, schemeOf(facts.config), version, rc),
    note: choice.note,
  };
  const unknown = facts.protection !== undefined && protectionUnknown(facts.protection) ? ` ${unknownProtectionNote(cutBranch(facts))}` : "";
  actions.push(reply(replyFacts, `${cuttingReply(common)}${unknown}`));

  let releasedText = changelog?.text;
  let commit: CommitRef = facts.headSha;
  if (!committed) {
    const made = releaseCommit(facts, app, changelog, values);
    if (!made.ok) return answer(facts, "gate-refused", made.error);
    const message = releaseCommitMessage(changelog, values);
    if (!message.ok) return answer(facts, "config-invalid", message.error);
    releasedText = made.value.changelogText;
    if (made.value.files.length > 0) {
      const key = `release:${tag}:commit`;
      // On the head the handler read: the executor's unforced ref update refuses if it moved.
      actions.push({
        kind: "commit-files",
        key,
        repo: facts.repo,
        branch: cutBranch(facts),
        message: message.value,
        files: made.value.files,
        parent: facts.headSha,
      });
      commit = { fromAction: key };
    }
  }

  const rendered = (template: string) =>
    tryRender(template, { version, tag, app: app.name, ...(codename.value === undefined ? {} : { codename: codename.value }) });
  const tagMessage = rendered(facts.config.tagMessage);
  const name = rendered(facts.config.releaseName);
  if (!tagMessage.ok) return answer(facts, "config-invalid", `tag_message: ${tagMessage.error}`);
  if (!name.ok) return answer(facts, "config-invalid", `release_name: ${name.error}`);
  if (!tagged) actions.push({ kind: "create-tag", key: `release:${tag}:tag`, repo: facts.repo, tag, commit, message: tagMessage.value });

  const section = releasedText === undefined || changelog === undefined ? undefined : changelog.format.sectionFor(releasedText, version);
  // A line's release without a changelog section lists what was merged into its branch since.
  const notes =
    (section === undefined || section === "") && facts.linePulls !== undefined
      ? lineNotes(facts.config, app, { pulls: facts.linePulls, since: facts.lineSince ?? null, version, tag })
      : section;
  const releaseKey = `release:${tag}:release`;
  actions.push({
    kind: "create-release",
    key: releaseKey,
    repo: facts.repo,
    tag,
    version,
    name: name.value,
    body: notes === undefined || notes === "" ? cutMarker(facts.commentId) : `${notes}\n\n${cutMarker(facts.commentId)}`,
    draft: false,
    prerelease: rc,
    ...(tagged ? {} : { target: commit }),
    // GitHub makes every new release the latest unless told; an older line's patch is not.
    ...(rc || isHighestRelease(all.tags, app, schemeOf(facts.config), version) ? {} : { makeLatest: false }),
    // facts.releases holds no release of this tag (checked above).
    knownAbsent: true,
  });

  const back = backToDevelopment(facts, changelog, releasedText, common.nextUnreleased, tag, commit);
  if (back !== undefined) actions.push(back);

  // GitHub refuses the ref update of a protected branch only after the reply and the commit
  // object exist, and before the tag and the release: refused here, nothing of the cut is written.
  if (actions.some((action) => action.kind === "commit-files")) {
    const refusal = directCommitRefusal(
      facts.protection,
      cutBranch(facts),
      "/release cannot commit the changelog and version files to it",
      "cut releases without a release commit (remove changelog.file and version_files from .github/release-pilot.yml)",
    );
    if (refusal !== undefined) return answer(facts, "gate-refused", refusal);
  }

  const summary = `Cut ${rc ? "release candidate" : "release"} ${version} (${tag})${committed ? ", resuming after its commit" : ""}.`;
  return { plan: { reason: "planned", summary, actions }, outcome: { kind: "cut", releaseKey, reply: common } };
}

/** Whether `version` is the newest release of the app's line (the same version, however spelled). */
function versionIsNewest(facts: CutReleaseFacts, app: AppConfig, version: string): boolean {
  const scheme = schemeOf(facts.config);
  const wanted = scheme.parse(version);
  const newest = newestRelease(facts.tags, app, scheme);
  return wanted !== undefined && newest !== undefined && scheme.compare(wanted, newest.version) === 0;
}

function backToDevelopment(
  facts: CutReleaseFacts,
  changelog: ChangelogFile | undefined,
  releasedText: string | undefined,
  next: string | undefined,
  tag: string,
  parent: CommitRef,
): Action | undefined {
  const message = changelog?.config.backToDevelopment;
  if (changelog === undefined || releasedText === undefined || next === undefined || message == null) return undefined;
  // Already back in development (a resumed cut, or a person was quicker): nothing to add.
  if (changelog.format.head(releasedText).sections.some((s) => s.heading.unreleased)) return undefined;
  const text = changelog.format.addUnreleased(releasedText, { version: next, empty: changelog.config.empty });
  // On the release commit (or the head, when resuming after it): the release stays its parent.
  return {
    kind: "commit-files",
    key: `release:${tag}:back-to-development`,
    repo: facts.repo,
    branch: cutBranch(facts),
    message,
    files: [{ path: changelog.path, content: text }],
    parent,
  };
}
