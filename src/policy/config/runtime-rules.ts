// Rules for configs that the schema accepts but that would only fail later, at a release or a
// deploy, where nobody is looking: names JavaScript objects already have, version files the bot
// cannot write, deploy tokens an automatic deploy never knows, and `_extends` values Probot's
// loader refuses or that point back at the file itself.
import { templateTokens, checkTemplate, type TokenName } from "../template.js";
import { type RawVersionFile, SUPPORTED_VERSION_FILES, specProblem, versionFileFor, versionFileSpec } from "../version-files/index.js";
import { issue, quote } from "./issues.js";
import { DEPLOY_TOKENS } from "./rules.js";
import type { LenientConfig } from "./lenient.js";
import type { ConfigIssue } from "./types.js";

/** `__proto__`, `constructor`, `toString`, ...: a map key with such a name is lost or shadowed. */
const PROTOTYPE_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * Every map key of the document that an object already has (`environments.__proto__` silently
 * disappears when parsed; `constructor` finds Object's constructor in every lookup by name).
 * Walks without recursion and stops at a depth no config reaches, so it cannot overflow.
 */
export function prototypeKeyRules(raw: unknown): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  const stack: { readonly value: unknown; readonly path: readonly (string | number)[] }[] = [{ value: raw, path: [] }];
  const seen = new Set<unknown>();
  while (stack.length > 0) {
    const { value, path } = stack.pop() ?? { value: undefined, path: [] };
    if (typeof value !== "object" || value === null || seen.has(value) || path.length > 64) continue;
    seen.add(value);
    if (Array.isArray(value)) {
      for (const [index, item] of value.entries()) stack.push({ value: item, path: [...path, index] });
      continue;
    }
    for (const key of Object.keys(value)) {
      if (PROTOTYPE_NAMES.has(key)) {
        out.push(issue([...path, key], `${quote(key)} cannot be used as a name: JavaScript objects already have it; pick another name`));
        continue;
      }
      stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return out;
}

/** A release that bumps a file it cannot write fails half-way; say so before it is merged. */
function versionFileRules(raw: LenientConfig): ConfigIssue[] {
  const lists: [string, readonly RawVersionFile[] | undefined][] = [
    ["version_files", raw.version_files],
    ...Object.entries(raw.apps ?? {}).map(([name, app]): [string, readonly RawVersionFile[] | undefined] => [`apps.${name}.version_files`, app?.version_files]),
  ];
  return lists.flatMap(([path, files]) =>
    (files ?? []).flatMap((file, index) => {
      const spec = versionFileSpec(file);
      const problem = specProblem(spec);
      if (problem !== undefined) return [issue(`${path}[${index}].${spec.pattern === undefined ? "key" : "pattern"}`, `${quote(spec.path)}: ${problem}`)];
      return versionFileFor(spec) === undefined
        ? [issue(`${path}[${index}]`, `Release Pilot cannot write a version into ${quote(spec.path)}; it writes ${SUPPORTED_VERSION_FILES}`)]
        : [];
    }),
  );
}

/** Known to every deploy (src/policy/deploy/render-dispatch.ts gives these to the templates). */
const ALWAYS_KNOWN: readonly TokenName[] = ["env", "app", "sha", "sha7", "sha8", "date", "epoch", "actor"];
/** What `verify.expect` is rendered with (src/handlers/deploy/verify.ts, renderExpect). */
const EXPECT_KNOWN: readonly TokenName[] = ["env", "app", "sha", "sha7", "sha8", "version", "tag"];

type RawEnvironment = NonNullable<NonNullable<LenientConfig["environments"]>[string]>;

/** The deploy templates of an environment, with their paths. */
function deployTemplates(path: string, env: RawEnvironment): [string, string][] {
  const deploy = env.deploy ?? {};
  const map = (where: string, values: Readonly<Record<string, string>> | undefined): [string, string][] =>
    Object.entries(values ?? {}).map(([key, template]) => [`${path}.${where}.${key}`, template]);
  return [
    ...(deploy.repository_dispatch === undefined ? [] : [[`${path}.deploy.repository_dispatch`, deploy.repository_dispatch] as [string, string]]),
    ...(deploy.ref === undefined ? [] : [[`${path}.deploy.ref`, deploy.ref] as [string, string]]),
    ...map("deploy.inputs", deploy.inputs),
    ...map("deploy.payload", deploy.payload),
    ...map("migrations.inputs", env.migrations?.inputs),
    ...(env.image_tag === undefined ? [] : [[`${path}.image_tag`, env.image_tag] as [string, string]]),
  ];
}

/**
 * A push deploys a commit, so it has no version, tag, issue or pull request number (its {ref} and
 * {branch} are the branch); a release deploys without an issue either (its {ref} is its tag). A template needing one of them would fail every automatic deploy.
 */
function deployTokenRules(raw: LenientConfig): ConfigIssue[] {
  const out: ConfigIssue[] = [];
  for (const [name, env] of Object.entries(raw.environments ?? {})) {
    if (!env) continue;
    const path = `environments.${name}`;
    const branch = env.follows?.branch;
    const release = env.follows?.release;
    const known: readonly TokenName[] | undefined =
      branch !== undefined && release === undefined
        ? [...ALWAYS_KNOWN, "ref", "branch"]
        : release !== undefined && branch === undefined
          ? [...ALWAYS_KNOWN, "version", "tag", "ref"]
          : undefined;
    const when = branch !== undefined ? `a push to ${quote(branch)} deploys ${quote(name)}` : `a release deploys ${quote(name)}`;
    const fields = known === undefined ? [] : deployTemplates(path, env);
    for (const [where, template] of fields) {
      // Tokens no deploy knows are reported by the template rules already.
      if (checkTemplate(template, DEPLOY_TOKENS).length > 0 || known === undefined) continue;
      for (const token of templateTokens(template).filter((t) => !known.includes(t))) {
        out.push(issue(where, `{${token}} is not known when ${when}; use ${known.map((t) => `{${t}}`).join(", ")}`));
      }
    }
    if (env.verify !== undefined) {
      const allowed = branch !== undefined && release === undefined ? EXPECT_KNOWN.filter((t) => t !== "version" && t !== "tag") : EXPECT_KNOWN;
      if (checkTemplate(env.verify.expect, DEPLOY_TOKENS).length > 0) continue;
      for (const token of templateTokens(env.verify.expect).filter((t) => !allowed.includes(t))) {
        out.push(issue(`${path}.verify.expect`, `{${token}} is not known when the deploy is verified; use ${allowed.map((t) => `{${t}}`).join(", ")}`));
      }
    }
  }
  return out;
}

// Probot's config loader (@probot/octokit-plugin-config, extends-to-get-content-params.js)
// refuses any other `_extends` form with an error at every event.
const EXTENDS_FORM = /^(?:([a-z\d](?:[a-z\d]|-(?=[a-z\d])){0,38})\/)?([-_.\w\d]+)(?::([-_./\w\d]+\.ya?ml))?$/i;

/** `_extends` in the form Probot reads, and not this very file (Probot stops on that recursion). */
function extendsRules(raw: LenientConfig, repo: string, configPath: string): ConfigIssue[] {
  const value = raw._extends;
  if (value === undefined) return [];
  const match = EXTENDS_FORM.exec(value);
  if (match === null) return [issue("_extends", `${quote(value)} is not a repository Probot can read; write repo, owner/repo or owner/repo:path.yml`)];
  const [owner, name] = repo.includes("/") ? repo.split("/") : [undefined, repo];
  const sameOwner = match[1] === undefined || owner === undefined || match[1].toLowerCase() === owner.toLowerCase();
  const sameRepo = (match[2] ?? "").toLowerCase() === (name ?? "").toLowerCase();
  const samePath = (match[3] ?? configPath) === configPath;
  if (sameOwner && sameRepo && samePath) {
    return [issue("_extends", `${quote(value)} is this file itself, which Probot refuses as a recursion; name another repository, e.g. .github`)];
  }
  return [];
}

export function runtimeRules(raw: LenientConfig, context: { readonly repo: string; readonly configPath: string }): ConfigIssue[] {
  return [...versionFileRules(raw), ...deployTokenRules(raw), ...extendsRules(raw, context.repo, context.configPath)];
}
