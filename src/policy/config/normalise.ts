// From the YAML's shape to the internal Config: defaults that depend on context (the repository
// name, a file's extension, the list of apps), app overrides merged, alternatives made explicit.
import { MAX_DISPATCH_INPUTS } from "../deploy/workflow-inputs.js";
import { versionFileSpec } from "../version-files/spec.js";
import { BUILT_IN_CODENAMES } from "./codenames.js";
import { durationMs } from "./schema-primitives.js";
import { issue, quote } from "./issues.js";
import { deployRules } from "./normalise-deploy-rules.js";
import type { LenientConfig } from "./lenient.js";
import type { AppConfig, ChangelogConfig, CodenamesConfig, Config, ConfigIssue, DeployTarget, EnvironmentConfig, Follows, RepoName } from "./types.js";

export interface ConfigContext {
  /** `owner/name` or `name` of the repository the config belongs to. */
  readonly repo: string;
  /** Tests only (VERIFY_ALLOW_LOOPBACK): a verify URL on 127.0.0.1 is not refused. */
  readonly verifyMayReadLoopback?: boolean;
}

type RawChangelog = NonNullable<LenientConfig["changelog"]>;
type RawEnvironment = NonNullable<NonNullable<LenientConfig["environments"]>[string]>;

export interface Normalised {
  readonly config: Config;
  readonly errors: readonly ConfigIssue[];
  readonly warnings: readonly ConfigIssue[];
}

export const CHANGELOG_DEFAULTS = {
  heading: "{version} ({date:YYYY-MM-DD})",
  unreleased: "{version} (unreleased)",
  empty: "No changes yet.",
  branch: "changelog/{tag}",
  title: "Publish changelog for {tag}",
  commitMessage: "Update changelog for version {version}",
  backToDevelopment: "Back to development.",
} as const;

function repoName(text: string | undefined): RepoName | null {
  if (text === undefined) return null;
  const [owner = "", repo = ""] = text.split("/");
  return { owner, repo };
}

function repositoryName(context: ConfigContext): string {
  return context.repo.split("/").pop() || context.repo;
}

/** rst or markdown from a file name; undefined when the extension says neither. */
function formatFromName(name: string): "markdown" | "rst" | undefined {
  const lower = name.toLowerCase();
  if (lower.endsWith(".rst")) return "rst";
  if (lower.endsWith(".md") || lower.endsWith(".markdown")) return "markdown";
  return undefined;
}

function changelog(raw: RawChangelog, path: string, errors: ConfigIssue[], warnings: ConfigIssue[]): ChangelogConfig | null {
  if (raw.file !== undefined && raw.path !== undefined) {
    errors.push(issue(path, "give file (one changelog with a section per release) or path (a file per release), not both"));
    return null;
  }
  const target =
    raw.file !== undefined ? { kind: "file" as const, file: raw.file } : raw.path !== undefined ? { kind: "path" as const, path: raw.path } : undefined;
  if (!target) {
    errors.push(issue(path, "needs file (one changelog with a section per release) or path (a file per release)"));
    return null;
  }
  if (raw.fragments !== undefined && target.kind === "path") {
    warnings.push(issue(`${path}.fragments`, "is ignored with path: fragments are compiled into one changelog file's section, so give file"));
  }
  const name = target.kind === "file" ? target.file : target.path;
  let format = raw.format ?? formatFromName(name);
  if (!format) {
    warnings.push(
      issue(`${path}.${target.kind}`, `cannot tell the format of ${quote(name)} from its extension; assuming markdown (set format to silence this)`),
    );
    format = "markdown";
  }
  return {
    target,
    format,
    heading: raw.heading ?? CHANGELOG_DEFAULTS.heading,
    unreleased: raw.unreleased ?? CHANGELOG_DEFAULTS.unreleased,
    empty: raw.empty ?? CHANGELOG_DEFAULTS.empty,
    via: raw.via ?? "pull-request",
    branch: raw.branch ?? CHANGELOG_DEFAULTS.branch,
    title: raw.title ?? CHANGELOG_DEFAULTS.title,
    labels: raw.labels ?? [],
    commitMessage: raw.commit_message ?? CHANGELOG_DEFAULTS.commitMessage,
    backToDevelopment: raw.back_to_development === false ? null : (raw.back_to_development ?? CHANGELOG_DEFAULTS.backToDevelopment),
    closesIssue: raw.closes_issue ?? false,
    ...(raw.fragments === undefined
      ? {}
      : { fragments: { tool: raw.fragments.tool, directory: raw.fragments.directory ?? (raw.fragments.tool === "towncrier" ? "changelog.d" : ".changeset") } }),
  };
}

/** The app's override on top of the top-level changelog; choosing file or path replaces both. */
function mergeChangelog(base: RawChangelog | undefined, override: RawChangelog): RawChangelog {
  const target = override.file !== undefined || override.path !== undefined ? { file: override.file, path: override.path } : {};
  return { ...base, ...override, ...target };
}

function apps(
  raw: LenientConfig,
  context: ConfigContext,
  topChangelog: ChangelogConfig | null,
  errors: ConfigIssue[],
  warnings: ConfigIssue[],
): readonly AppConfig[] {
  const entries = raw.apps ? Object.entries(raw.apps) : [];
  // `apps: {}` says nothing more than leaving apps out; every repository has at least one app.
  if (entries.length === 0) {
    return [
      { name: repositoryName(context), paths: ["**"], labels: [], tag: raw.tag, versionFiles: raw.version_files.map(versionFileSpec), changelog: topChangelog },
    ];
  }
  const out: AppConfig[] = [];
  for (const [name, app] of entries) {
    if (!app) continue;
    const appChangelog = app.changelog ? changelog(mergeChangelog(raw.changelog, app.changelog), `apps.${name}.changelog`, errors, warnings) : topChangelog;
    out.push({
      name,
      paths: app.paths ?? ["**"],
      labels: app.labels ?? [],
      tag: app.tag ?? raw.tag,
      versionFiles: (app.version_files ?? raw.version_files).map(versionFileSpec),
      changelog: appChangelog,
    });
  }
  return out;
}

function follows(raw: RawEnvironment["follows"], path: string, errors: ConfigIssue[]): Follows | null {
  if (!raw) return null;
  if (raw.branch !== undefined && raw.release !== undefined) {
    errors.push(issue(path, "give branch or release, not both"));
    return null;
  }
  if (raw.branch !== undefined) return { kind: "branch", branch: raw.branch };
  if (raw.release !== undefined) return { kind: "release", on: raw.release };
  errors.push(issue(path, "needs branch (deploy each push to it) or release (deploy each published release)"));
  return null;
}

function deploy(raw: NonNullable<RawEnvironment["deploy"]>, path: string, errors: ConfigIssue[]): DeployTarget | null {
  const repo = repoName(raw.repo);
  if (raw.workflow !== undefined && raw.repository_dispatch !== undefined) {
    errors.push(issue(path, "give workflow or repository_dispatch, not both"));
    return null;
  }
  if (raw.workflow !== undefined) {
    if (raw.payload !== undefined) errors.push(issue(`${path}.payload`, "belongs to repository_dispatch; a workflow takes inputs"));
    // GitHub runs a dispatched workflow on a branch or tag only ("No ref found for" a SHA).
    if (raw.ref !== undefined && /\{sha\d*\}/.test(raw.ref)) {
      errors.push(
        issue(
          `${path}.ref`,
          "GitHub runs a workflow only on a branch or tag, not a commit: drop {sha} from ref and pass it in an input, e.g. inputs: { sha: '{sha}' }",
        ),
      );
    }
    if (raw.workflow.includes("/")) errors.push(issue(`${path}.workflow`, "names a file in .github/workflows, not a path: e.g. deploy.yml"));
    if (Object.keys(raw.inputs ?? {}).length > MAX_DISPATCH_INPUTS) {
      errors.push(
        issue(`${path}.inputs`, `GitHub takes at most ${MAX_DISPATCH_INPUTS} inputs per dispatch; this gives ${Object.keys(raw.inputs ?? {}).length}`),
      );
    }
    return { kind: "workflow", workflow: raw.workflow, repo, ref: raw.ref ?? null, inputs: raw.inputs ?? {} };
  }
  if (raw.repository_dispatch !== undefined) {
    if (raw.inputs !== undefined) errors.push(issue(`${path}.inputs`, "belongs to a workflow; a repository_dispatch takes payload"));
    if (raw.ref !== undefined) errors.push(issue(`${path}.ref`, "belongs to a workflow; a repository_dispatch has no ref"));
    return { kind: "repository-dispatch", eventType: raw.repository_dispatch, repo, payload: raw.payload ?? {} };
  }
  errors.push(issue(path, "needs workflow (a workflow_dispatch) or repository_dispatch (an event type)"));
  return null;
}

function environments(raw: LenientConfig, appNames: readonly string[], errors: ConfigIssue[]): readonly EnvironmentConfig[] {
  const out: EnvironmentConfig[] = [];
  for (const [name, env] of Object.entries(raw.environments ?? {})) {
    if (!env) continue;
    const path = `environments.${name}`;
    // A missing or malformed deploy is already a schema error; say nothing more about it.
    const target = env.deploy ? deploy(env.deploy, `${path}.deploy`, errors) : null;
    const trigger = follows(env.follows, `${path}.follows`, errors);
    if (!target) continue;
    out.push({
      name,
      follows: trigger,
      apps: env.apps ?? appNames,
      deploy: target,
      requires: env.requires,
      checks: env.checks,
      approvals: env.approvals,
      approvalsWithinMs: env.approvals_within === undefined ? null : durationMs(env.approvals_within),
      trusted: env.trusted,
      imageTag: env.image_tag ?? null,
      pointerTag: env.pointer_tag ?? null,
      verify: env.verify ? { url: env.verify.url, expect: env.verify.expect, timeoutMs: durationMs(env.verify.timeout) } : null,
      migrations: env.migrations ? { check: env.migrations.check, inputs: env.migrations.inputs } : null,
      queue: env.queue,
      lockTimeoutMs: durationMs(env.lock_timeout),
      url: env.url ?? null,
      rules: deployRules(env, path, errors),
    });
  }
  return out;
}

function codenames(raw: LenientConfig): CodenamesConfig | null {
  if (raw.codenames === undefined) return null;
  if (typeof raw.codenames === "string") {
    return { source: raw.codenames, names: BUILT_IN_CODENAMES[raw.codenames] ?? [], per: raw.codename_per };
  }
  return { source: "custom", names: raw.codenames, per: raw.codename_per };
}

/** GWCelery's form; a checklist opened by a release branch needs some name to watch for. */
const DEFAULT_RELEASE_BRANCH = "release/v{version}";

/** A calendar version is a date, not a level: there is nothing to resolve (the config check warns). */
function versionResolve(raw: LenientConfig["versioning"]["resolve"], scheme: LenientConfig["versioning"]["scheme"]): Pick<Config["versioning"], "resolve"> {
  if (raw === undefined || scheme === "calver") return {};
  return { resolve: raw.from === "labels" ? { from: "labels", labels: raw.labels } : { from: "conventional-commits" } };
}

export function normalise(raw: LenientConfig, context: ConfigContext): Normalised {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const changelogConfig = raw.changelog ? changelog(raw.changelog, "changelog", errors, warnings) : null;
  const appList = apps(raw, context, changelogConfig, errors, warnings);
  const config: Config = {
    versioning: {
      scheme: raw.versioning.scheme,
      calver: raw.versioning.scheme === "calver" ? (raw.versioning.calver ?? null) : null,
      ...versionResolve(raw.versioning.resolve, raw.versioning.scheme),
    },
    tag: raw.tag,
    tagMessage: raw.tag_message,
    releaseName: raw.release_name,
    apps: appList,
    notes: raw.notes
      ? {
          draft: raw.notes.draft,
          line: raw.notes.line,
          categories: raw.notes.categories,
          excludeLabels: raw.notes.exclude_labels,
          contributors: raw.notes.contributors,
          maxPullRequests: raw.notes.max_pull_requests,
        }
      : null,
    changelog: changelogConfig,
    versionFiles: raw.version_files.map(versionFileSpec),
    codenames: codenames(raw),
    checklist: raw.checklist
      ? {
          template: raw.checklist.template,
          title: raw.checklist.title,
          labels: raw.checklist.labels,
          openOn: raw.checklist.open_on,
          requireComplete: raw.checklist.require_complete,
          releaseBranch: raw.checklist.release_branch ?? raw.release_branch ?? DEFAULT_RELEASE_BRANCH,
        }
      : null,
    downstream: raw.downstream.map((d) => ({
      repo: repoName(d.repo) ?? { owner: "", repo: "" },
      file: d.file,
      branch: d.branch ?? null,
      package: d.package ?? repositoryName(context),
    })),
    environments: environments(
      raw,
      appList.map((a) => a.name),
      errors,
    ),
    commands: { permission: raw.commands.permission },
    dashboard: raw.dashboard,
    lines: {
      releaseBranch: raw.release_branch ?? (raw.checklist ? (raw.checklist.release_branch ?? DEFAULT_RELEASE_BRANCH) : null),
      cutOnBranch: raw.release_branch !== undefined,
      forwardPort: raw.forward_port ?? raw.backports === undefined,
      backports: raw.backports === undefined ? null : { label: raw.backports.label },
      pointers: Object.entries(raw.pointers ?? {}).map(([name, kind]) => ({ name, kind })),
    },
  };
  return { config, errors, warnings };
}
