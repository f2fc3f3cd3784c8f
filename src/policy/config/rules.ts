// Cross-field rules: what one field means for another. They run on whatever parsed, next to the
// schema's errors, so a person fixes the whole file in one round.
import { checkTemplate, nearestWord, templateToPattern, templateTokens, type TokenName } from "../template.js";
import { calverFormatError } from "../versions/index.js";
import { issue, nameList, quote } from "./issues.js";
import type { DeclaredNames, LenientConfig } from "./lenient.js";
import { linesRules } from "./rules-lines.js";
import type { Config, ConfigIssue } from "./types.js";

/** Tokens known when a tag is named; a tag must be reproducible, so no actor or PR fields. */
export const TAG_TOKENS: readonly TokenName[] = ["version", "app", "date", "epoch", "sha", "sha7", "sha8"];
/** Tokens known while a release is cut (commit messages, headings, titles). */
export const RELEASE_TOKENS: readonly TokenName[] = [...TAG_TOKENS, "tag", "codename", "previous", "actor", "number"];
/** A notes line describes one merged pull request. */
export const NOTES_LINE_TOKENS: readonly TokenName[] = ["title", "number", "url", "author", "app", "version", "tag"];
/**
 * Tokens known when a deployment is dispatched (src/policy/deploy/render-dispatch.ts): a deploy
 * has no codename or previous version, so those would fail every deploy.
 */
export const DEPLOY_TOKENS: readonly TokenName[] = [...TAG_TOKENS, "tag", "actor", "number", "env", "ref", "branch", "pr"];
/** In a release-branch name, {version} stands for the minor series (2.6). */
export const RELEASE_BRANCH_TOKENS: readonly TokenName[] = ["version"];

interface TemplateField {
  readonly path: string;
  readonly template: string;
  readonly allowed: readonly TokenName[];
}

function mapFields(path: string, map: Readonly<Record<string, string>> | undefined, allowed: readonly TokenName[]): TemplateField[] {
  return Object.entries(map ?? {}).map(([key, template]) => ({ path: `${path}.${key}`, template, allowed }));
}

type RawChangelog = NonNullable<LenientConfig["changelog"]>;

function changelogFields(path: string, raw: RawChangelog | undefined): TemplateField[] {
  if (!raw) return [];
  const fields: [string, string | undefined][] = [
    ["path", raw.path],
    ["heading", raw.heading],
    ["unreleased", raw.unreleased],
    ["branch", raw.branch],
    ["title", raw.title],
    ["commit_message", raw.commit_message],
  ];
  return fields.flatMap(([key, template]) => (template === undefined ? [] : [{ path: `${path}.${key}`, template, allowed: RELEASE_TOKENS }]));
}

/** Every template the user wrote, with where it is and which tokens it may use there. */
function templateFields(raw: LenientConfig): readonly TemplateField[] {
  const fields: TemplateField[] = [
    { path: "tag", template: raw.tag, allowed: TAG_TOKENS },
    { path: "tag_message", template: raw.tag_message, allowed: RELEASE_TOKENS },
    { path: "release_name", template: raw.release_name, allowed: RELEASE_TOKENS },
    ...changelogFields("changelog", raw.changelog),
  ];
  if (raw.notes) fields.push({ path: "notes.line", template: raw.notes.line, allowed: NOTES_LINE_TOKENS });
  if (raw.checklist) {
    fields.push({ path: "checklist.title", template: raw.checklist.title, allowed: RELEASE_TOKENS });
    if (raw.checklist.release_branch !== undefined) {
      fields.push({ path: "checklist.release_branch", template: raw.checklist.release_branch, allowed: RELEASE_BRANCH_TOKENS });
    }
  }
  if (raw.release_branch !== undefined) fields.push({ path: "release_branch", template: raw.release_branch, allowed: RELEASE_BRANCH_TOKENS });
  for (const [name, app] of Object.entries(raw.apps ?? {})) {
    if (!app) continue;
    if (app.tag !== undefined) fields.push({ path: `apps.${name}.tag`, template: app.tag, allowed: TAG_TOKENS });
    fields.push(...changelogFields(`apps.${name}.changelog`, app.changelog));
  }
  for (const [name, env] of Object.entries(raw.environments ?? {})) {
    if (!env) continue;
    const path = `environments.${name}`;
    const deploy = env.deploy ?? {};
    if (deploy.repository_dispatch !== undefined) {
      fields.push({ path: `${path}.deploy.repository_dispatch`, template: deploy.repository_dispatch, allowed: DEPLOY_TOKENS });
    }
    if (deploy.ref !== undefined) fields.push({ path: `${path}.deploy.ref`, template: deploy.ref, allowed: DEPLOY_TOKENS });
    fields.push(...mapFields(`${path}.deploy.inputs`, deploy.inputs, DEPLOY_TOKENS));
    fields.push(...mapFields(`${path}.deploy.payload`, deploy.payload, DEPLOY_TOKENS));
    fields.push(...mapFields(`${path}.migrations.inputs`, env.migrations?.inputs, DEPLOY_TOKENS));
    if (env.image_tag !== undefined) fields.push({ path: `${path}.image_tag`, template: env.image_tag, allowed: DEPLOY_TOKENS });
    if (env.verify) fields.push({ path: `${path}.verify.expect`, template: env.verify.expect, allowed: DEPLOY_TOKENS });
  }
  return fields;
}

function templateRules(raw: LenientConfig, config: Config): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const field of templateFields(raw)) {
    const errors = checkTemplate(field.template, field.allowed);
    for (const message of errors) out.push(issue(field.path, message));
    // A heading with {codename} and no codename list would fail at the first release instead.
    if (errors.length === 0 && !config.codenames && templateTokens(field.template).includes("codename")) {
      out.push(issue(field.path, "uses {codename}, but no codenames are configured; add codenames (e.g. codenames: cryptids)"));
    }
  }
  return out;
}

/** Tokens that differ from one release to the next, so a per-release name is unique. */
const PER_RELEASE_TOKENS: readonly TokenName[] = ["version", "tag", "date", "epoch", "sha", "sha7", "sha8"];

// Names that must tell releases apart: a per-release changelog file without a varying token
// would be overwritten by every release, and a release branch without {version} says nothing.
function uniquenessRules(raw: LenientConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const paths: [string, string | undefined][] = [
    ["changelog.path", raw.changelog?.path],
    ...Object.entries(raw.apps ?? {}).map(([name, app]): [string, string | undefined] => [`apps.${name}.changelog.path`, app?.changelog?.path]),
  ];
  for (const [path, template] of paths) {
    if (template === undefined || checkTemplate(template).length > 0) continue;
    if (!templateTokens(template).some((token) => PER_RELEASE_TOKENS.includes(token))) {
      out.push(issue(path, "needs a token that changes with each release, such as {version} or {date:YYYY-MM-DD}, or every release overwrites one file"));
    }
  }
  const branches: [string, string | undefined][] = [
    ["release_branch", raw.release_branch],
    ["checklist.release_branch", raw.checklist?.release_branch],
  ];
  for (const [path, branch] of branches) {
    if (branch !== undefined && checkTemplate(branch).length === 0 && !templateTokens(branch).includes("version")) {
      out.push(issue(path, "needs {version} (the minor series, as in release/v{version}) to tell which version a branch is for"));
    }
  }
  return out;
}

function versioningRules(raw: LenientConfig): { errors: ConfigIssue[]; warnings: ConfigIssue[] } {
  const errors: ConfigIssue[] = [];
  const warnings: ConfigIssue[] = [];
  const { scheme, calver } = raw.versioning;
  if (scheme === "calver" && calver === undefined) {
    errors.push(issue("versioning.calver", "is required when scheme is calver, e.g. YYYY.MM.DD.HH.mm.ss"));
  }
  // The scheme's own check: besides unknown letters it refuses formats that do not sort by date
  // (DD.MM.YYYY), which would misorder releases.
  const calverProblem = calver === undefined ? undefined : calverFormatError(calver);
  if (calverProblem !== undefined) errors.push(issue("versioning.calver", calverProblem));
  if (scheme !== "calver" && calver !== undefined) {
    warnings.push(issue("versioning.calver", `is ignored because scheme is ${scheme}`));
  }
  if (scheme === "calver" && raw.versioning.resolve !== undefined) {
    warnings.push(issue("versioning.resolve", "is ignored because scheme is calver: a calendar version is the date, not a level"));
  }
  return { errors, warnings };
}

/** Each cycle once, as `a → b → a`, reported on the first environment of the cycle. */
function requiresCycles(graph: ReadonlyMap<string, readonly string[]>): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const done = new Set<string>();
  const reported = new Set<string>();
  const visit = (name: string, trail: readonly string[]): void => {
    const start = trail.indexOf(name);
    if (start !== -1) {
      const cycle = [...trail.slice(start), name];
      const key = [...cycle.slice(0, -1)].sort().join(" ");
      if (!reported.has(key)) {
        reported.add(key);
        out.push(issue(`environments.${cycle[0] ?? name}.requires`, `environments require each other in a cycle: ${cycle.map(quote).join(" → ")}`));
      }
      return;
    }
    if (done.has(name)) return;
    for (const next of graph.get(name) ?? []) visit(next, [...trail, name]);
    done.add(name);
  };
  for (const name of graph.keys()) visit(name, []);
  return out;
}

// These read the lenient data, not the Config, so an environment left out of the Config for an
// unrelated error still has its references checked.
function environmentRules(raw: LenientConfig, config: Config, declared: DeclaredNames): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const envNames = new Set(declared.environments);
  const appNames = new Set(declared.apps.length > 0 ? declared.apps : config.apps.map((a) => a.name));
  const graph = new Map<string, readonly string[]>();
  for (const [name, env] of Object.entries(raw.environments ?? {})) {
    if (!env) continue;
    const path = `environments.${name}`;
    graph.set(
      name,
      env.requires.filter((required) => envNames.has(required)),
    );
    env.requires.forEach((required, index) => {
      if (envNames.has(required)) return;
      const suggestion = nearestWord(required, [...envNames]);
      const hint = suggestion ? `did you mean ${quote(suggestion)}?` : `the environments are ${nameList(envNames)}`;
      out.push(issue(`${path}.requires[${index}]`, `names no environment; ${hint}`));
    });
    (env.apps ?? []).forEach((app, index) => {
      if (appNames.has(app)) return;
      const suggestion = nearestWord(app, [...appNames]);
      const hint = suggestion ? `did you mean ${quote(suggestion)}?` : `the apps are ${nameList(appNames)}`;
      out.push(issue(`${path}.apps[${index}]`, `names no app; ${hint}`));
    });
    if (env.pointer_tag !== undefined) out.push(...pointerTagRules(config, env.pointer_tag, `${path}.pointer_tag`));
  }
  for (const pointer of config.lines.pointers) out.push(...pointerTagRules(config, pointer.name, `pointers.${pointer.name}`));
  return [...out, ...requiresCycles(graph)];
}

/** A pointer tag moves; if it could also be a release tag, moving it would rewrite a release. */
function pointerTagRules(config: Config, pointer: string, path: string): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  if (!/^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(pointer) || pointer.includes("..") || pointer.endsWith(".lock")) {
    out.push(issue(path, `${quote(pointer)} is not a valid git tag name`));
  }
  for (const app of config.apps) {
    if (checkTemplate(app.tag).length > 0) continue;
    const groups = templateToPattern(app.tag, { app: app.name }).exec(pointer)?.groups;
    if (!groups) continue;
    // `v{version}` matches "vnext" only by accident; a version starts with a digit.
    if (groups.version !== undefined && !/^\d/.test(groups.version)) continue;
    out.push(issue(path, `${quote(pointer)} has the form of the release tag ${quote(app.tag)}; pick a name no release can have`));
  }
  return out;
}

/** Two apps with one tag template would both claim each release tag. */
function appTagRules(raw: LenientConfig, config: Config): ConfigIssue[] {
  if (config.apps.length < 2) return [];
  const out: ConfigIssue[] = [];
  const owner = new Map<string, string>();
  for (const app of config.apps) {
    if (templateTokens(app.tag).includes("app")) continue;
    const first = owner.get(app.tag);
    if (first === undefined) {
      owner.set(app.tag, app.name);
      continue;
    }
    const path = raw.apps?.[app.name]?.tag !== undefined ? `apps.${app.name}.tag` : "tag";
    out.push(issue(path, `apps ${quote(first)} and ${quote(app.name)} would both be tagged ${quote(app.tag)}; give each app its own tag or put {app} in it`));
  }
  return out;
}

function environmentWarnings(config: Config): ConfigIssue[] {
  return config.environments.flatMap((env) =>
    env.approvalsWithinMs !== null && env.approvals === 0 ? [issue(`environments.${env.name}.approvals_within`, "has no effect while approvals is 0")] : [],
  );
}

export function crossFieldRules(
  raw: LenientConfig,
  config: Config,
  declared: DeclaredNames,
): { readonly errors: readonly ConfigIssue[]; readonly warnings: readonly ConfigIssue[] } {
  const versioning = versioningRules(raw);
  return {
    errors: [
      ...versioning.errors,
      ...templateRules(raw, config),
      ...appTagRules(raw, config),
      ...uniquenessRules(raw),
      ...linesRules(raw),
      ...environmentRules(raw, config, declared),
    ],
    warnings: [...versioning.warnings, ...environmentWarnings(config)],
  };
}
