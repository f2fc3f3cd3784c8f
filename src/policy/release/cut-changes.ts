// The file edits of a cut: the changelog's section finalised with codename and date, the version
// files bumped, then the next unreleased section. Each step is a pure text edit; this file only
// decides which ones apply and turns their errors into sentences.
import type { ChangelogFormat } from "../changelog/index.js";
import { pickCodename } from "../codenames.js";
import type { AppConfig, ChangelogConfig, Config } from "../config/index.js";
import { compileInto, fragmentSections } from "../fragments/index.js";
import type { FileChange } from "../plan.js";
import { tryRender } from "../template.js";
import { readVersion, updateVersionFile } from "../version-files/index.js";
import { isVersionError, type VersionScheme } from "../versions/index.js";
import type { CutReleaseFacts } from "./cut-facts.js";

export interface ChangelogFile {
  readonly config: ChangelogConfig;
  readonly path: string;
  readonly format: ChangelogFormat;
  /** The file at the head of the default branch. */
  readonly text: string;
}

type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(error: string): Result<T> => ({ ok: false, error });

/** The codename of an already finalised section, or the one the config's list gives next. */
export function codenameFor(config: Config, changelog: ChangelogFile | undefined, version: string): Result<string | undefined> {
  if (changelog === undefined) return ok(undefined);
  // The head holds the version's own section when it is already finalised (a resumed cut) and
  // the previous release; the codenames used come from every heading, found by a cheap scan.
  const sections = changelog.format.head(changelog.text).sections;
  const own = sections.find((s) => !s.heading.unreleased && s.heading.version === version);
  if (own !== undefined) return ok(own.heading.codename);
  if (config.codenames === null) return ok(undefined);
  const previous = sections.find((s) => !s.heading.unreleased && s.heading.version !== undefined);
  const picked = pickCodename({
    list: config.codenames.names,
    used: changelog.format.headings(changelog.text).flatMap((h) => (h.codename === undefined ? [] : [h.codename])),
    version,
    ...(previous?.heading.version === undefined
      ? {}
      : { previous: { version: previous.heading.version, ...(previous.heading.codename === undefined ? {} : { codename: previous.heading.codename }) } }),
    perMinor: config.codenames.per === "minor",
  });
  return "error" in picked ? fail(picked.error) : ok(picked.codename);
}

/**
 * Whether the release commit is already on the branch: the changelog has the version's final
 * section, or (without a changelog) every version file names the version. A cut that died after
 * its commit resumes from the tag instead of finalising again.
 */
export function alreadyCommitted(facts: CutReleaseFacts, app: AppConfig, changelog: ChangelogFile | undefined, version: string): boolean {
  if (changelog !== undefined) {
    // A committed release is the newest one, so it is in the head.
    return changelog.format.head(changelog.text).sections.some((s) => !s.heading.unreleased && s.heading.version === version);
  }
  return app.versionFiles.every((file) => {
    const content = facts.versionFiles[file.path];
    return content !== undefined && readVersion(content, file) === version;
  });
}

/** The changelog with its fragments compiled into the unreleased section, and the fragment files used. */
function withFragments(
  facts: CutReleaseFacts,
  changelog: ChangelogFile,
  version: string,
): { readonly text: string; readonly used: readonly string[] } | { readonly error: string } {
  const config = changelog.config.fragments;
  if (config === undefined || facts.fragments === undefined) return { text: changelog.text, used: [] };
  const read = fragmentSections(config, facts.fragments);
  if ("error" in read) return read;
  const { sections, used } = read;
  // A changesets changelog keeps no unreleased section (towncrier's may not either): the
  // release's section is made first, where the format puts a new one.
  const hasUnreleased = changelog.format.parse(changelog.text).sections.some((s) => s.heading.unreleased);
  const base =
    hasUnreleased || sections.length === 0 ? changelog.text : changelog.format.addUnreleased(changelog.text, { version, empty: changelog.config.empty });
  const compiled = compileInto(base, changelog.format, sections, facts.repoUrl);
  return "error" in compiled ? compiled : { text: compiled.text, used: used.map((f) => f.name) };
}

export interface ReleaseCommit {
  readonly files: readonly FileChange[];
  /** The changelog as the release leaves it (the source of the release notes). */
  readonly changelogText: string | undefined;
}

export function releaseCommit(
  facts: CutReleaseFacts,
  app: AppConfig,
  changelog: ChangelogFile | undefined,
  values: { readonly version: string; readonly codename: string | undefined; readonly tag?: string },
): Result<ReleaseCommit> {
  const files: FileChange[] = [];
  let changelogText: string | undefined;
  if (changelog !== undefined) {
    const date = facts.now.slice(0, 10);
    const compiled = withFragments(facts, changelog, values.version);
    if ("error" in compiled) return fail(compiled.error);
    const finalised = changelog.format.finalize(compiled.text, {
      version: values.version,
      date,
      ...(values.codename === undefined ? {} : { codename: values.codename }),
      ...(values.tag === undefined ? {} : { tag: values.tag }),
    });
    if ("error" in finalised) return fail(finalised.error);
    changelogText = finalised.text;
    files.push({ path: changelog.path, content: finalised.text });
    // The compiled fragments go in the same commit that deletes them, as `towncrier build` does.
    for (const name of compiled.used) files.push({ path: `${changelog.config.fragments?.directory ?? ""}/${name}`, content: null });
  }
  // One file may hold the version twice (Chart.yaml's version and appVersion): each edit builds on the last.
  const edited = new Map<string, string>();
  for (const file of app.versionFiles) {
    const { path } = file;
    const content = edited.get(path) ?? facts.versionFiles[path];
    if (content === undefined)
      return fail(
        `The version file ${path} is not on ${facts.line?.branch ?? facts.defaultBranch}, so I cannot write ${values.version} into it; fix version_files in .github/release-pilot.yml.`,
      );
    const updated = updateVersionFile(content, file, values.version);
    if (typeof updated !== "string") return fail(updated.error);
    edited.set(path, updated);
  }
  for (const [path, content] of edited) if (content !== facts.versionFiles[path]) files.push({ path, content });
  return ok({ files, changelogText });
}

/**
 * The commit message: the changelog's template (GWCelery: `Update changelog for version X.Y.Z
 * "Codename"`), then `; closes #N` for a final release cut from its checklist. A repository
 * without a changelog only bumps its version files.
 */
export function releaseCommitMessage(
  changelog: ChangelogFile | undefined,
  values: {
    readonly version: string;
    readonly codename: string | undefined;
    readonly tag: string;
    readonly app: string;
    readonly rc: boolean;
    readonly checklist: number | undefined;
  },
): Result<string> {
  if (changelog === undefined) return ok(`Bump version to ${values.version}`);
  // Without a codename the token goes with its quotes, as in a heading.
  const template = values.codename === undefined ? changelog.config.commitMessage.replace(/\s*["'“]?\{codename\}["'”]?/g, "") : changelog.config.commitMessage;
  const rendered = tryRender(template, {
    version: values.version,
    tag: values.tag,
    app: values.app,
    ...(values.codename === undefined ? {} : { codename: values.codename }),
  });
  if (!rendered.ok) return fail(`changelog.commit_message: ${rendered.error}`);
  const closes = changelog.config.closesIssue && !values.rc && values.checklist !== undefined ? `; closes #${values.checklist}` : "";
  return ok(rendered.value + closes);
}

/**
 * The back-to-development step after a final release: the next patch's unreleased section. A
 * candidate has none, since GWCelery's next candidate and final rename the candidate's section
 * (see the lifecycle diffs), and a changelog that already has an unreleased section keeps it.
 */
export function nextUnreleased(changelog: ChangelogFile | undefined, scheme: VersionScheme, version: string, rc: boolean): string | undefined {
  if (changelog === undefined || rc || changelog.config.backToDevelopment === null) return undefined;
  const parsed = scheme.parse(version);
  const next = parsed === undefined ? undefined : scheme.next(parsed, "patch");
  return next === undefined || isVersionError(next) ? undefined : scheme.format(next);
}
