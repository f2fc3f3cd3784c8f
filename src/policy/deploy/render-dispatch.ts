// The deploy's workflow inputs (or repository_dispatch payload) and its image tag, rendered from
// the environment's templates and the facts of one deploy. The time comes in as `now`, so the
// HCA form `{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}` is a pure function of facts too.

import type { DeployTarget as DeployConfig, EnvironmentConfig, Versioning } from "../config/types.js";
import type { RepoRef } from "../plan.js";
import { matchTemplate, templateTokens, tryRender, type TemplateValues } from "../template.js";
import { dispatchValueProblem, imageProblem } from "./dispatch-values.js";
import type { DispatchFacts } from "./plan-deploy.js";
import type { DeploySource } from "./deploy-request.js";

export interface RenderDispatchFacts {
  readonly env: Pick<EnvironmentConfig, "name" | "deploy" | "imageTag" | "migrations">;
  /** The repository the bot runs for; the workflow's repository when the config names none. */
  readonly repo: RepoRef;
  /** Ref the workflow runs on when the config gives none: that repository's default branch. */
  readonly defaultRef: string;
  readonly app?: string;
  readonly sha: string;
  readonly version?: string;
  readonly tag?: string;
  readonly actor: string;
  readonly number?: number;
  /** Where the deploy comes from: `{ref}`, `{branch}` and `{pr}` (a pull request's head). */
  readonly source?: DeploySource;
  /** ISO time of the decision; the source of `{date:...}` and `{epoch}`. */
  readonly now: string;
  readonly withMigrations: boolean;
  /**
   * The image a rollback or promotion goes back to. It is reused as is when it has this
   * environment's image tag form, so a rollback ships the very image that ran before.
   */
  readonly image?: string;
  /** The config's version scheme: a `{version}` passed to a workflow must be one of it. */
  readonly versioning: Versioning;
}

export type RenderedDispatch =
  | { readonly ok: true; readonly dispatch: DispatchFacts; readonly imageTag?: string }
  | { readonly ok: false; readonly error: string };

export function renderDispatch(facts: RenderDispatchFacts): RenderedDispatch {
  const { env } = facts;
  const at = new Date(facts.now);
  const base: TemplateValues = {
    env: env.name,
    sha: facts.sha,
    actor: facts.actor,
    ...(facts.app === undefined ? {} : { app: facts.app }),
    ...(facts.version === undefined ? {} : { version: facts.version }),
    ...(facts.tag === undefined ? {} : { tag: facts.tag }),
    ...(facts.number === undefined ? {} : { number: facts.number }),
    ...(facts.source?.ref === undefined ? {} : { ref: facts.source.ref }),
    ...(facts.source?.branch === undefined ? {} : { branch: facts.source.branch }),
    ...(facts.source?.pr === undefined ? {} : { pr: facts.source.pr }),
    ...(Number.isNaN(at.getTime()) ? {} : { now: at }),
  };
  const reused = reusedImage(facts, base);
  const values = reused?.values ?? base;
  const path = `environments.${env.name}`;
  // Checked before anything is rendered: a value of the wrong kind refuses the whole deploy.
  const problem = (reused === undefined ? undefined : imageProblem(reused.image)) ?? dispatchValueProblem(dispatchTemplates(facts), values, facts.versioning);
  if (problem !== undefined) return { ok: false, error: `${problem}, so it is not passed to the deploy workflow` };
  let imageTag = reused?.image;
  if (imageTag === undefined && env.imageTag !== null) {
    const rendered = tryRender(env.imageTag, values);
    if (!rendered.ok) return { ok: false, error: `${path}.image_tag: ${rendered.error}` };
    imageTag = rendered.value;
  }
  // A field written exactly like the image tag template is the image tag, so a rollback passes
  // the old image rather than a freshly dated name for it.
  const fill = (template: string, where: string): { ok: true; value: string } | { ok: false; error: string } => {
    if (imageTag !== undefined && env.imageTag !== null && template === env.imageTag) return { ok: true, value: imageTag };
    const rendered = tryRender(template, values);
    return rendered.ok ? rendered : { ok: false, error: `${where}: ${rendered.error}` };
  };
  const fields = renderFields(env.deploy, facts.withMigrations ? (env.migrations?.inputs ?? {}) : {}, fill, `${path}.deploy`);
  if (!fields.ok) return fields;
  const dispatch = toDispatch(env.deploy, facts, fields.values, fill, path);
  if (!dispatch.ok) return dispatch;
  return { ok: true, dispatch: dispatch.dispatch, ...(imageTag === undefined ? {} : { imageTag }) };
}

/** Every template whose rendering reaches the workflow: inputs or payload, ref, event type, image tag. */
function dispatchTemplates({ env, withMigrations }: RenderDispatchFacts): readonly string[] {
  const deploy = env.deploy;
  const fields =
    deploy.kind === "workflow"
      ? [...Object.values(deploy.inputs), ...(deploy.ref === null ? [] : [deploy.ref])]
      : [...Object.values(deploy.payload), deploy.eventType];
  return [...fields, ...(env.imageTag === null ? [] : [env.imageTag]), ...(withMigrations ? Object.values(env.migrations?.inputs ?? {}) : [])];
}

type Fill = (template: string, where: string) => { ok: true; value: string } | { ok: false; error: string };

function renderFields(
  deploy: DeployConfig,
  migrationInputs: Readonly<Record<string, string>>,
  fill: Fill,
  path: string,
): { ok: true; values: Record<string, string> } | { ok: false; error: string } {
  const field = deploy.kind === "workflow" ? "inputs" : "payload";
  const templates = deploy.kind === "workflow" ? deploy.inputs : deploy.payload;
  const values: Record<string, string> = {};
  for (const [name, template] of Object.entries(templates)) {
    const rendered = fill(template, `${path}.${field}.${name}`);
    if (!rendered.ok) return rendered;
    values[name] = rendered.value;
  }
  for (const [name, template] of Object.entries(migrationInputs)) {
    const rendered = fill(template, `${path.replace(/\.deploy$/, "")}.migrations.inputs.${name}`);
    if (!rendered.ok) return rendered;
    values[name] = rendered.value;
  }
  return { ok: true, values };
}

function toDispatch(
  deploy: DeployConfig,
  facts: RenderDispatchFacts,
  values: Record<string, string>,
  fill: Fill,
  path: string,
): { ok: true; dispatch: DispatchFacts } | { ok: false; error: string } {
  const repo = deploy.repo ?? facts.repo;
  if (deploy.kind === "repository-dispatch") {
    const eventType = fill(deploy.eventType, `${path}.deploy.repository_dispatch`);
    if (!eventType.ok) return eventType;
    return { ok: true, dispatch: { kind: "repository", repo, eventType: eventType.value, payload: values } };
  }
  let ref = facts.defaultRef;
  if (deploy.ref !== null) {
    const rendered = fill(deploy.ref, `${path}.deploy.ref`);
    if (!rendered.ok) return rendered;
    ref = rendered.value;
    // GitHub dispatches only on a branch or tag; a commit SHA is answered 422 "No ref found".
    if (looksLikeCommit(ref)) {
      return {
        ok: false,
        error: `${path}.deploy.ref gives the commit ${ref.slice(0, 12)}, but GitHub runs a workflow only on a branch or tag: set ref to a branch or tag and pass the commit in an input, e.g. inputs: { sha: '{sha}' }`,
      };
    }
  }
  return { ok: true, dispatch: { kind: "workflow", repo, workflow: deploy.workflow, ref, inputs: values } };
}

/**
 * A full commit SHA, which GitHub does not take as a dispatch ref. Only the full form: a short
 * hex name can be a real branch or tag, which GitHub does dispatch on.
 */
function looksLikeCommit(ref: string): boolean {
  return /^[0-9a-f]{40}$/i.test(ref);
}

/** The given image and the token values it was made from, when it has this environment's form. */
function reusedImage(facts: RenderDispatchFacts, base: TemplateValues): { image: string; values: TemplateValues } | undefined {
  const template = facts.env.imageTag;
  if (facts.image === undefined || template === null) return undefined;
  const known: TemplateValues = { env: facts.env.name, ...(facts.app === undefined ? {} : { app: facts.app }) };
  const captured = matchTemplate(template, facts.image, known);
  if (captured === undefined) return undefined;
  const version = captured["version"] ?? facts.version;
  const tag = captured["tag"] ?? facts.tag;
  return { image: facts.image, values: { ...base, ...(version === undefined ? {} : { version }), ...(tag === undefined ? {} : { tag }) } };
}

/** Tokens that name what was built rather than where or when it was deployed. */
const CONTENT_TOKENS = new Set(["version", "tag", "app", "sha", "sha7", "sha8"]);

/**
 * Whether an image tag says what is inside it, so the same tag on two environments means the
 * same image. `rel-{version}` does; `{env}-{sha8}-{date:DD-MM-YYYY}.{epoch}` differs per
 * environment and per deploy, so `requires` must compare commits instead.
 */
export function imageTagIsPortable(template: string | null): boolean {
  return template !== null && templateTokens(template).every((token) => CONTENT_TOKENS.has(token));
}
