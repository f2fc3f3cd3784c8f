// Schema of the release half of `.github/release-pilot.yml`: versions, tags, apps, notes,
// changelog, codenames, checklist and downstream pins. Descriptions here are the config reference.
import { z } from "zod";
import { globProblem, MAX_GLOB_LENGTH, MAX_GLOBS } from "../deploy/glob.js";
import { repoName, stringList, template, versionFileList } from "./schema-primitives.js";

const resolveLabels = (level: string, defaults: readonly string[]) =>
  stringList
    .max(50)
    .default([...defaults])
    .describe(`PR labels that make the next release at least a ${level} one.`);

/** Release-drafter's version-resolver, or Conventional Commit titles: what was merged names the next level. */
export const VersionResolve = z
  .strictObject({
    from: z
      .enum(["labels", "conventional-commits"])
      .describe(
        "What the level comes from: labels (the highest of the labels lists a merged PR carries, as release-drafter's version-resolver) or conventional-commits (PR titles: `feat:` is minor, `fix:` and the rest patch, `feat!:`/`fix(api)!:` major).",
      ),
    labels: z
      .strictObject({
        major: resolveLabels("major", ["major", "breaking"]),
        minor: resolveLabels("minor", ["minor", "feature", "enhancement"]),
        patch: resolveLabels("patch", ["patch", "fix", "bug"]),
      })
      .prefault({})
      .describe("The label lists of from: labels."),
  })
  .describe(
    "Resolve the next release's level from the PRs merged since the app's last release: the draft notes announce that version and say why, and /release with no level cuts it. Without it the draft announces the next patch and /release needs a level.",
  );

export const Versioning = z
  .strictObject({
    scheme: z
      .enum(["semver", "pep440", "calver"])
      .default("semver")
      .describe(
        "How versions are written, ordered and bumped: semver as node-semver reads it (1.2.3, 1.2.3-rc.1, 1.0.0-beta.2, 1.2.3+build.7), pep440 as Python's packaging reads it (1.2, 1.2.3rc1, 1!2.0, 1.2.3.post1, 1.2.3.dev4; 1.2.3.RC1 is written 1.2.3rc1) or calver (a UTC date stamp, optionally with a counter).",
      ),
    calver: z
      .string()
      .min(1, { error: "must not be empty" })
      .optional()
      .describe(
        "Format of a calver version, in UTC, from YYYY (or YY, the year less 2000), MM, DD, HH, mm, ss (each two digits) and literal separators, largest unit first with none skipped so versions sort by date (DD.MM.YYYY is refused), with an optional trailing counter MICRO or N that numbers the releases of one stamp from 0; e.g. YYYY.MM.DD.HH.mm.ss, YYYY.MM.MICRO or YY.MM.N. Dates that do not exist (2024.02.30, hour 24) are not versions. Required when scheme is calver.",
      ),
    resolve: VersionResolve.optional(),
  })
  .describe("Version scheme of the repository's releases.");

export const ChangelogFields = {
  file: z.string().min(1).optional().describe("One changelog file with a section per release, e.g. CHANGES.rst. Give file or path, not both."),
  path: template(
    "A new file per release, as a template, e.g. documentation/changelogs/{app}/{date:YYYY.MM.DD.HH.mm.ss}.md. Give file or path, not both.",
  ).optional(),
  format: z
    .enum(["markdown", "rst"])
    .optional()
    .describe(
      "Markup of the changelog; by default taken from the file extension (.rst is rst, anything else markdown). rst reads every section title docutils reads (any adornment, overlines) and writes underlines as wide as docutils measures them.",
    ),
  heading: template(
    "Heading of a released section, e.g. '{version} \"{codename}\" ({date:YYYY-MM-DD})'. Default: {version} ({date:YYYY-MM-DD}); in a Keep a Changelog file ('## [Unreleased]', '## [1.2.0] - 2024-01-01') its own form, with its compare links updated, unless this starts with '['.",
  ).optional(),
  unreleased: template(
    "Heading of the section that collects unreleased changes. Default: {version} (unreleased); [Unreleased] in a Keep a Changelog file, unless this starts with '['.",
  ).optional(),
  empty: z.string().min(1).optional().describe("The only item of a section with no changes yet. Default: No changes yet."),
  via: z
    .enum(["pull-request", "commit"])
    .optional()
    .describe("Whether changelog updates are proposed in a pull request or committed directly. Default: pull-request."),
  branch: template("Branch of the changelog pull request. Default: changelog/{tag}.").optional(),
  title: template("Title of the changelog pull request and its commit. Default: Publish changelog for {tag}.").optional(),
  labels: stringList.optional().describe("Labels put on the changelog pull request, e.g. [skip-changelog]. Default: none."),
  commit_message: template("Message of the commit that finalises the changelog at a release. Default: Update changelog for version {version}.").optional(),
  back_to_development: z
    .union([z.string().min(1), z.literal(false)], { error: "expected a commit message, or false to skip this step" })
    .optional()
    .describe("After a release, add the next version's unreleased section with this commit message; false skips the step. Default: Back to development."),
  fragments: z
    .strictObject({
      tool: z
        .enum(["towncrier", "changesets"])
        .describe(
          "How the fragments are written: towncrier (`<issue>.<type>[.<n>].md|rst`, `+<name>.<type>` for none, types feature, bugfix, doc, removal, misc) or changesets (`<name>.md` with YAML front matter naming each package's level).",
        ),
      directory: z
        .string()
        .regex(/^(?!\/)(?!.*(?:^|\/)\.\.?(?:\/|$))[A-Za-z0-9._\-/]{1,200}$/, {
          error: "must be a directory in the repository, e.g. changelog.d or .changeset (letters, digits, . _ - /; no .. or leading /)",
        })
        .optional()
        .describe("Where the fragments are. Default: changelog.d for towncrier, .changeset for changesets."),
    })
    .optional()
    .describe(
      "Compile one-file-per-change fragments into the unreleased section at /release (types as headings, issue links) and delete them in the release commit. Only with file.",
    ),
  closes_issue: z
    .boolean()
    .optional()
    .describe("Append '; closes #N' (the release checklist issue) to the changelog commit of a final release. Default: false."),
};

export const Changelog = z.strictObject(ChangelogFields).describe("Keep a changelog: update it at each release.");

/** An app may override any changelog field, so none is required here. */
export const AppChangelog = z.strictObject(ChangelogFields).describe("Changelog settings for this app; each field overrides the top-level changelog.");

/** An app glob, bounded so matching it stays cheap (src/policy/deploy/glob.ts). */
const glob = z
  .string()
  .min(1, { error: "must not be empty" })
  .max(MAX_GLOB_LENGTH, { error: `a glob has at most ${MAX_GLOB_LENGTH} characters` })
  .superRefine((text, context) => {
    // The length has its own message above; the rest (brace expansion) only on a glob that fits.
    const problem = text.length > MAX_GLOB_LENGTH ? undefined : globProblem(text);
    if (problem !== undefined) context.addIssue({ code: "custom", message: problem });
  });

export const App = z.strictObject({
  paths: z
    .array(glob)
    .max(MAX_GLOBS, { error: `an app lists at most ${MAX_GLOBS} globs; join them with ** or {a,b}` })
    .optional()
    .describe(
      "Globs of the files that belong to this app; a push touching them affects it. ** is any folders, * and ? stay within one, [a-z] and {a,b} as in picomatch. At most 100 globs, each at most 256 characters with 16 stars. Default: ** (everything).",
    ),
  labels: stringList.optional().describe("Pull-request labels that put a PR in this app's release notes, e.g. ['🧱 stack: api']."),
  tag: template("Git tag of this app's releases, e.g. api-{date:YYYY.MM.DD.HH.mm.ss}. Default: the top-level tag.").optional(),
  version_files: versionFileList
    .optional()
    .describe("Files holding this app's version, in the same forms as the top-level version_files. Default: the top-level version_files."),
  changelog: AppChangelog.optional(),
});

export const Apps = z
  .record(z.string().min(1), App)
  .describe("Apps released separately from one repository (a monorepo). When absent, the repository is one app named after it.");

export const NotesCategory = z.strictObject({
  title: z.string().min(1).describe("Section title in the release notes, e.g. Bug Fixes."),
  labels: stringList.min(1, { error: "must list at least one label" }).describe("A PR with any of these labels goes in this section."),
});

export const Notes = z
  .strictObject({
    draft: z.boolean().default(true).describe("Keep a draft GitHub release per app, refreshed on each push to the default branch."),
    line: template("One line per merged pull request.")
      .default("- {title} ([#{number}]({url})) by @{author}")
      .describe("One line per merged pull request; tokens {title} {number} {url} {author}."),
    categories: z
      .array(NotesCategory)
      .default([])
      .describe("Sections of the notes, in order; a PR goes in the first section whose labels it has, else under Other Changes."),
    exclude_labels: stringList.default([]).describe("PRs with any of these labels are left out, e.g. [skip-changelog]."),
    contributors: z.boolean().default(false).describe("End the notes with the list of contributors."),
    max_pull_requests: z
      .number()
      .int()
      .min(1)
      .max(5000)
      .default(500)
      .describe("At most this many merged pull requests are read per release, which bounds the API calls."),
  })
  .describe("Draft release notes from merged pull requests.");

export const CHECKLIST_TRIGGERS = ["release-branch", "prerelease", "draft-release", "command"] as const;

export const Checklist = z
  .strictObject({
    template: z.string().min(1).describe("Path of the Markdown task list used as the issue body, e.g. .github/ISSUE_TEMPLATE/release.md."),
    title: template("Title of the checklist issue.").default("Release version {version}"),
    labels: stringList.default(["release"]).describe("Labels of the checklist issue; the bot finds its issues by them."),
    open_on: z
      .array(z.enum(CHECKLIST_TRIGGERS))
      .default(["command"])
      .describe(
        "When the bot opens a checklist: release-branch (a branch such as release/v2.6 appears), prerelease (for the final version of a published prerelease), draft-release, command (/checklist).",
      ),
    require_complete: z.boolean().default(true).describe("/release from a checklist issue waits until every box is ticked."),
    release_branch: template(
      "Name of release branches; here {version} is the minor series, so release/v{version} matches release/v2.6. Default: the top-level release_branch, else release/v{version}.",
    ).optional(),
  })
  .describe("A release-checklist issue per version.");

export const Downstream = z.strictObject({
  repo: repoName.describe("Repository whose pin is raised, as owner/name."),
  file: z.string().min(1).describe("File holding the pin, e.g. requirements.txt."),
  branch: z.string().min(1).optional().describe("Branch to raise the pin on. Default: that repository's default branch."),
  package: z.string().min(1).optional().describe("Package name pinned in the file. Default: this repository's name."),
});

export const Codenames = z
  .union([z.enum(["cryptids"]), z.array(z.string().min(1)).min(1)], {
    error: "expected a built-in list (cryptids) or a list of names",
  })
  .describe("Release codenames: a built-in list (cryptids) or your own list.");
