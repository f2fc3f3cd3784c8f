// The whole `.github/release-pilot.yml`, as users write it. Defaults that need no context are
// here so the JSON Schema shows them; the rest (the default app, changelog format) are filled in
// by normalise.ts.
import { z } from "zod";
import { Apps, Changelog, Checklist, Codenames, Downstream, Notes, Versioning } from "./schema-release.js";
import { Environments } from "./schema-environments.js";
import { LinesShape } from "./schema-lines.js";
import { template, versionFileList } from "./schema-primitives.js";

export const PERMISSIONS = ["read", "triage", "write", "maintain", "admin"] as const;

export const Commands = z
  .strictObject({
    permission: z.enum(PERMISSIONS).default("write").describe("Least repository permission whose slash commands are obeyed; others get a polite refusal."),
  })
  .describe("Slash commands in issue and pull-request comments.");

export const RawConfigShape = {
  // Probot's config loader resolves and removes _extends, but a file read straight from a pull
  // request (to validate it) still has it, and it is not a mistake there.
  _extends: z
    .string()
    .min(1)
    .optional()
    .describe("Inherit settings from another repository's config, as repo, owner/repo or owner/repo:path (Probot's _extends)."),
  versioning: Versioning.prefault({}),
  tag: template("Git tag of a release.").default("v{version}").describe("Git tag of a release, e.g. v{version}."),
  tag_message: template("Message of the annotated tag.").default("Version {version}").describe("Message of the annotated release tag."),
  release_name: template("Name of the GitHub release.").default("{tag}").describe("Name of the GitHub release. Default: the tag."),
  apps: Apps.optional(),
  notes: Notes.optional(),
  changelog: Changelog.optional(),
  version_files: versionFileList
    .default([])
    .describe(
      "Files whose version is bumped at a release: a path (__init__.py, package.json, pyproject.toml, Cargo.toml, Chart.yaml, VERSION), or { path, pattern } for any text file, or { path, key } for a YAML or TOML key, e.g. [mypkg/__init__.py, { path: Chart.yaml, key: appVersion }].",
    ),
  codenames: Codenames.optional(),
  codename_per: z
    .enum(["minor", "release"])
    .default("minor")
    .describe("A codename is chosen once per minor series (2.5.0rc1 … 2.5.2 share one) or for every release."),
  checklist: Checklist.optional(),
  ...LinesShape,
  downstream: z.array(Downstream).default([]).describe("Repositories whose pin on this package is raised after a final release."),
  environments: Environments.optional(),
  commands: Commands.prefault({}),
  dashboard: z.boolean().default(false).describe("Keep a dashboard issue of what is deployed where and what is unreleased."),
};

export const RawConfig = z.strictObject(RawConfigShape).meta({
  title: "Release Pilot configuration",
  description: "The release and deployment process of a repository, read from .github/release-pilot.yml on the default branch.",
});

export type RawConfig = z.output<typeof RawConfig>;
export type RawConfigKey = keyof typeof RawConfigShape;
