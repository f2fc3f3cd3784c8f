// The normalised config that policy code reads: camelCase, every default filled in, alternatives
// turned into tagged unions, durations in milliseconds. A section that is switched off is null
// (or an empty list), so "is this feature on?" is one check.

import type { VersionFileSpec } from "../version-files/spec.js";
export interface ConfigIssue {
  /** Dotted path into the YAML, e.g. `environments.production.approvals`; "" for the whole file. */
  readonly path: string;
  readonly message: string;
}

export interface RepoName {
  readonly owner: string;
  readonly repo: string;
}

export type VersionScheme = "semver" | "pep440" | "calver";

export interface Versioning {
  readonly scheme: VersionScheme;
  /** Date format of a calver version (e.g. `YYYY.MM.DD.HH.mm.ss`); null unless the scheme is calver. */
  readonly calver: string | null;
  /** Where the next release's level comes from when none is typed; absent: the draft says patch, /release needs one. */
  readonly resolve?: VersionResolve;
}

export type VersionResolve =
  | { readonly from: "labels"; readonly labels: { readonly major: readonly string[]; readonly minor: readonly string[]; readonly patch: readonly string[] } }
  | { readonly from: "conventional-commits" };

export type ChangelogTarget = { readonly kind: "file"; readonly file: string } | { readonly kind: "path"; readonly path: string };

export interface ChangelogConfig {
  readonly target: ChangelogTarget;
  readonly format: "markdown" | "rst";
  readonly heading: string;
  readonly unreleased: string;
  readonly empty: string;
  readonly via: "pull-request" | "commit";
  readonly branch: string;
  readonly title: string;
  readonly labels: readonly string[];
  readonly commitMessage: string;
  /** Commit message of the "back to development" step; null skips it. */
  readonly backToDevelopment: string | null;
  readonly closesIssue: boolean;
  /** Fragment files compiled into the unreleased section at /release; absent when the project has none. */
  readonly fragments?: FragmentsConfig;
}

export interface FragmentsConfig {
  readonly tool: "towncrier" | "changesets";
  readonly directory: string;
}

export interface AppConfig {
  readonly name: string;
  readonly paths: readonly string[];
  readonly labels: readonly string[];
  /** The app's tag template, or the top-level one. */
  readonly tag: string;
  readonly versionFiles: readonly VersionFileSpec[];
  /** The top-level changelog with the app's overrides applied; null when there is none. */
  readonly changelog: ChangelogConfig | null;
}

export interface NotesCategory {
  readonly title: string;
  readonly labels: readonly string[];
}

export interface NotesConfig {
  readonly draft: boolean;
  readonly line: string;
  readonly categories: readonly NotesCategory[];
  readonly excludeLabels: readonly string[];
  readonly contributors: boolean;
  readonly maxPullRequests: number;
}

export interface CodenamesConfig {
  /** `cryptids` for a built-in list, `custom` for the user's own. */
  readonly source: string;
  readonly names: readonly string[];
  readonly per: "minor" | "release";
}

export type ChecklistTrigger = "release-branch" | "prerelease" | "draft-release" | "command";

export interface ChecklistConfig {
  readonly template: string;
  readonly title: string;
  readonly labels: readonly string[];
  readonly openOn: readonly ChecklistTrigger[];
  readonly requireComplete: boolean;
  /** Template whose {version} is the minor series, e.g. `release/v{version}` for `release/v2.6`. */
  readonly releaseBranch: string;
}

export interface DownstreamConfig {
  readonly repo: RepoName;
  readonly file: string;
  readonly branch: string | null;
  readonly package: string;
}

export type Follows =
  | { readonly kind: "branch"; readonly branch: string }
  | { readonly kind: "release"; readonly on: "published" | "prereleased" | "prerelease-only" };

export type DeployTarget =
  | {
      readonly kind: "workflow";
      readonly workflow: string;
      readonly repo: RepoName | null;
      readonly ref: string | null;
      readonly inputs: Readonly<Record<string, string>>;
    }
  | {
      readonly kind: "repository-dispatch";
      readonly eventType: string;
      readonly repo: RepoName | null;
      readonly payload: Readonly<Record<string, string>>;
    };

export type AuthorAssociation = "OWNER" | "MEMBER" | "COLLABORATOR";

/** One span of a deploy window: these weekdays (0 = Sunday), from..to minutes after local midnight. */
export interface WindowSpan {
  readonly days: readonly number[];
  readonly fromMinute: number;
  readonly toMinute: number;
}

/** Who may deploy an environment and when (src/policy/deploy/deploy-rules.ts decides from it). */
export interface DeployRulesConfig {
  /** Whether /deploy on a fork's pull request may deploy its head. */
  readonly allowForks: boolean;
  /** Logins and `org/team` slugs who may deploy; empty: anyone with the commands permission. */
  readonly deployers: readonly string[];
  /** Logins and teams whose approvals count; empty: anyone with write access. */
  readonly approvers: readonly string[];
  /** Logins and teams who may --force past a freeze or window; empty: repository admins. */
  readonly override: readonly string[];
  /** Freeze periods, from (inclusive) to (exclusive), as epoch ms. */
  readonly freezes: readonly { readonly from: number; readonly to: number; readonly reason: string }[];
  readonly windows: { readonly timezone: string; readonly spans: readonly WindowSpan[] } | null;
}

export interface EnvironmentConfig {
  readonly name: string;
  /** null: deployed only on /deploy. */
  readonly follows: Follows | null;
  /** Names of the apps deployed here; every app when the config does not say. */
  readonly apps: readonly string[];
  readonly deploy: DeployTarget;
  readonly requires: readonly string[];
  readonly checks: readonly string[];
  readonly approvals: number;
  readonly approvalsWithinMs: number | null;
  readonly trusted: readonly AuthorAssociation[];
  readonly imageTag: string | null;
  readonly pointerTag: string | null;
  readonly verify: { readonly url: string; readonly expect: string; readonly timeoutMs: number } | null;
  readonly migrations: { readonly check: string; readonly inputs: Readonly<Record<string, string>> } | null;
  readonly queue: boolean;
  readonly lockTimeoutMs: number;
  readonly url: string | null;
  readonly rules: DeployRulesConfig;
}

export type Permission = "read" | "triage" | "write" | "maintain" | "admin";

export interface Config {
  readonly versioning: Versioning;
  readonly tag: string;
  readonly tagMessage: string;
  readonly releaseName: string;
  /** At least one app; a single-app repository has one named after it. */
  readonly apps: readonly AppConfig[];
  readonly notes: NotesConfig | null;
  readonly changelog: ChangelogConfig | null;
  readonly versionFiles: readonly VersionFileSpec[];
  readonly codenames: CodenamesConfig | null;
  readonly checklist: ChecklistConfig | null;
  readonly downstream: readonly DownstreamConfig[];
  readonly environments: readonly EnvironmentConfig[];
  readonly commands: { readonly permission: Permission };
  readonly dashboard: boolean;
  readonly lines: LinesConfig;
}

/** Release lines: maintenance branches and how fixes move between them and the default branch. */
export interface LinesConfig {
  /** `release_branch`, or the checklist's; null when releases have no branches. */
  readonly releaseBranch: string | null;
  /** Whether releases of a series whose branch exists are cut on it (only with a top-level `release_branch`). */
  readonly cutOnBranch: boolean;
  readonly forwardPort: boolean;
  /** The backport label with `{branch}` in it; null when backports are off. */
  readonly backports: { readonly label: string } | null;
  /** Refs moved to each newest final release's commit without a deploy. */
  readonly pointers: readonly { readonly name: string; readonly kind: "tag" | "branch" }[];
}
