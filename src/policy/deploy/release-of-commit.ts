// Which release a deploy ships, when the environment's templates name one (`rel-{version}`) and
// the person did not: `/deploy production` (the default branch's head), `/deploy production
// 1a2b3c4 api` (the dashboard's retry), `/promote staging production api` (staging's commit).
// The release of a commit is a tag of the app's tag pattern pointing at it. Without one, the
// deploy is refused with one sentence naming the release to type, instead of the template's
// "{version} has no value".
import type { AppConfig, Config, EnvironmentConfig } from "../config/index.js";
import { schemeOf } from "../release/cut-version.js";
import { matchTemplate, templateTokens } from "../template.js";
import type { Version } from "../versions/index.js";
import { appName } from "./app-name.js";
import type { DeployRequest } from "./deploy-request.js";
import { short } from "./settings.js";

/** A tag of the repository and the commit it points at (peeled: an annotated tag's commit). */
export interface TagFact {
  readonly name: string;
  readonly sha: string;
}

type Request = Pick<DeployRequest, "env" | "app" | "sha" | "version" | "tag" | "image" | "withMigrations">;

/** Each template the deploy renders, with where it is in the config, in the order they render. */
function templatesOf(env: EnvironmentConfig, withMigrations: boolean): readonly { readonly path: string; readonly template: string }[] {
  const base = `environments.${env.name}`;
  const out: { path: string; template: string }[] = [];
  if (env.imageTag !== null) out.push({ path: `${base}.image_tag`, template: env.imageTag });
  const { deploy } = env;
  const fields = deploy.kind === "workflow" ? deploy.inputs : deploy.payload;
  const field = deploy.kind === "workflow" ? "inputs" : "payload";
  for (const [name, template] of Object.entries(fields)) out.push({ path: `${base}.deploy.${field}.${name}`, template });
  if (deploy.kind === "repository-dispatch") out.push({ path: `${base}.deploy.repository_dispatch`, template: deploy.eventType });
  if (deploy.kind === "workflow" && deploy.ref !== null) out.push({ path: `${base}.deploy.ref`, template: deploy.ref });
  if (withMigrations)
    for (const [name, template] of Object.entries(env.migrations?.inputs ?? {})) out.push({ path: `${base}.migrations.inputs.${name}`, template });
  return out;
}

/** The first template needing a release the request does not carry, or undefined when none does. */
export function releaseNeededBy(config: Config, request: Request): { readonly path: string; readonly template: string } | undefined {
  if (request.version !== undefined) return undefined;
  // A rollback's or promotion's image of this environment's form already says its version.
  const { env } = request;
  const app = appName(config, request.app);
  const fromImage =
    request.image === undefined || env.imageTag === null
      ? undefined
      : matchTemplate(env.imageTag, request.image, { env: env.name, ...(app === undefined ? {} : { app }) });
  if (fromImage?.["version"] !== undefined) return undefined;
  return templatesOf(env, request.withMigrations).find(({ template }) =>
    templateTokens(template).some((token) => token === "version" || (token === "tag" && request.tag === undefined && fromImage?.["tag"] === undefined)),
  );
}

function appConfigOf(config: Config, request: Pick<Request, "app">): AppConfig | undefined {
  const name = appName(config, request.app);
  return config.apps.find((app) => app.name === name) ?? (config.apps.length === 1 ? config.apps[0] : undefined);
}

/** Annotated release tags peeled per deploy at most: the release deployed by hand is a recent one. */
export const PEELED_TAGS = 20;

/**
 * What to read for the release of the request's commit: the refs under `prefix` (the literal start
 * of the app's tag pattern, `api-` for `api-{version}`), and which of the annotated ones found to
 * peel, newest versions first, at most PEELED_TAGS.
 */
export function releaseTagReads(
  config: Config,
  request: Pick<Request, "app">,
): { readonly prefix: string; readonly toPeel: (names: readonly string[]) => readonly string[] } {
  const app = appConfigOf(config, request);
  if (app === undefined) return { prefix: "", toPeel: () => [] };
  const literal = app.tag.replaceAll("{app}", app.name);
  const brace = literal.indexOf("{");
  const prefix = brace === -1 ? literal : literal.slice(0, brace);
  return {
    prefix,
    toPeel: (names) =>
      releaseTags(
        config,
        app,
        names.map((name) => ({ name, sha: "" })),
      )
        .slice(0, PEELED_TAGS)
        .map(({ tag }) => tag.name),
  };
}

/** The app's release tags among `tags`, newest version first. */
function releaseTags(config: Config, app: AppConfig, tags: readonly TagFact[]): readonly { readonly tag: TagFact; readonly version: Version }[] {
  const scheme = schemeOf(config);
  const out: { tag: TagFact; version: Version }[] = [];
  for (const tag of tags) {
    const text = matchTemplate(app.tag, tag.name, { app: app.name })?.["version"];
    const version = text === undefined ? undefined : scheme.parse(text);
    if (version !== undefined) out.push({ tag, version });
  }
  return out.sort((a, b) => scheme.compare(b.version, a.version));
}

/**
 * The release the request already names: a tag of the app's pattern (a `/promote` of what a
 * release deployed carries the `release_tag` its deployment recorded), so nothing need be read.
 */
export function releaseOfRequest(config: Config, request: Request): { readonly version: string; readonly tag: string } | undefined {
  const app = appConfigOf(config, request);
  if (app === undefined || request.tag === undefined) return undefined;
  const version = matchTemplate(app.tag, request.tag, { app: app.name })?.["version"];
  return version === undefined || schemeOf(config).parse(version) === undefined ? undefined : { version, tag: request.tag };
}

export type ReleaseOfCommit = { readonly ok: true; readonly version: string; readonly tag: string } | { readonly ok: false; readonly error: string };

/**
 * The release the commit of `request` is, for an environment whose templates need one: the
 * newest of the app's release tags pointing at the commit; else the sentence naming the release
 * to type, as a `/deploy` by tag (what a person can always type, whichever command asked).
 */
export function releaseOfCommit(config: Config, request: Request, tags: readonly TagFact[]): ReleaseOfCommit {
  const command = `/deploy ${request.env.name}`;
  const needed = releaseNeededBy(config, request);
  const app = appConfigOf(config, request);
  const what = needed === undefined ? "this deploy" : `${needed.path} (${needed.template})`;
  if (app === undefined) return { ok: false, error: `${what} names a release, and I cannot tell which app's; name the app and the release.` };
  const releases = releaseTags(config, app, tags);
  const own = releases.find(({ tag }) => tag.sha === request.sha);
  if (own !== undefined) {
    const version = matchTemplate(app.tag, own.tag.name, { app: app.name })?.["version"] ?? own.version.raw;
    return { ok: true, version, tag: own.tag.name };
  }
  const appPart = config.apps.length > 1 ? ` ${app.name}` : "";
  const head = `${what} names a release, and ${short(request.sha)} is not tagged as a release of ${app.name} (no tag like ${app.tag} points at it)`;
  const newest = releases[0];
  if (newest === undefined) return { ok: false, error: `${head}; cut a release first with /release${appPart}, then ${command} <its tag>${appPart}.` };
  return { ok: false, error: `${head}; name the release to deploy, e.g. ${command} ${newest.tag.name}${appPart}.` };
}
