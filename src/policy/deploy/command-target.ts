// What /deploy, /rollback and /promote deploy, decided from the command, the config and the facts
// read for it: which environment and app, and which commit, tag and image. Each command has its
// reads (what must be known before deciding) and one decision; the handlers gather and carry out.

import type { DeployRequest } from "./deploy-request.js";
import { isVersion, stripV } from "../commands/arguments.js";
import type { DeployCommand, PromoteCommand, RollbackCommand } from "../commands/types.js";
import { environmentNamed, noEnvironmentText } from "../commands/environment.js";
import type { Config, EnvironmentConfig } from "../config/index.js";
import { appOfTag } from "../release/which-app.js";
import { tryRender } from "../template.js";
import { appName } from "./app-name.js";
import { choosePromotion } from "./promote.js";
import { rollbackForCommand } from "./rollback.js";
import { redeployOf, type DeploymentRecord } from "./settings.js";

/** The app a command is about, or a sentence asking for it when the environment has several. */
export function commandApp(
  config: Config,
  env: EnvironmentConfig,
  app: string | undefined,
  example: (app: string) => string,
): { app?: string } | { error: string } {
  if (config.apps.length <= 1) return {};
  if (app !== undefined) {
    if (!env.apps.includes(app)) return { error: `${app} is not deployed to ${env.name}; its apps are ${env.apps.join(", ")}.` };
    return { app };
  }
  const [only] = env.apps;
  if (env.apps.length === 1 && only !== undefined) return { app: only };
  return { error: `${env.name} runs several apps (${env.apps.join(", ")}); name one, e.g. ${example(env.apps[0] ?? "app")}` };
}

/** What a command deploys, once decided; the deploy's own gates decide the rest. */
export type CommandDeploy = Pick<DeployRequest, "env" | "app" | "sha" | "version" | "tag" | "image" | "withMigrations">;

/** A command's decision: the sentence answering it, or the deploy it asks for. */
export type CommandDecision = { readonly answer: string } | { readonly deploy: CommandDeploy };

/** Where a command deploys: its environment and app, or the answer saying what is wrong. */
export type CommandScope = { readonly env: EnvironmentConfig; readonly app?: string } | { readonly answer: string };

function scopeOf(config: Config, name: string, app: string | undefined, example: (env: EnvironmentConfig, app: string) => string): CommandScope {
  const env = environmentNamed(config, name);
  if (env === undefined) return { answer: noEnvironmentText(name) };
  const chosen = commandApp(config, env, app, (one) => example(env, one));
  return "error" in chosen ? { answer: chosen.error } : { env, ...chosen };
}

// /rollback <env> [app] [to <tag>] -------------------------------------------------------------

/** The environment and app whose history /rollback reads. */
export function rollbackScope(config: Config, command: RollbackCommand): CommandScope {
  return scopeOf(config, command.environment, command.app, (env, app) => `/rollback ${env.name} ${app}`);
}

export interface RollbackCommandFacts {
  /** The environment's deployments (of the app), newest first. */
  readonly history: readonly DeploymentRecord[];
  /** The commit `to <tag>` names, when it names one. */
  readonly named: string | undefined;
}

/** /rollback: the version that ran before the current one (or the named one), the same commit and image. */
export function decideRollback(config: Config, command: RollbackCommand, facts: RollbackCommandFacts): CommandDecision {
  const scope = rollbackScope(config, command);
  if ("answer" in scope) return scope;
  const target = rollbackForCommand(command, scope.env.name, scope.app, facts.history, facts.named);
  if ("error" in target) return { answer: target.error };
  return { deploy: { ...scope, ...redeployOf(target), withMigrations: false } };
}

// /promote <from> <to> [app] ---------------------------------------------------------------------

/** The environment whose history /promote reads (`from`), and where it deploys (`to`). */
export function promoteScope(
  config: Config,
  command: PromoteCommand,
): { readonly from: EnvironmentConfig; readonly to: EnvironmentConfig; readonly app?: string } | { readonly answer: string } {
  const from = environmentNamed(config, command.from);
  const to = environmentNamed(config, command.to);
  if (from === undefined || to === undefined) return { answer: noEnvironmentText(from === undefined ? command.from : command.to) };
  const chosen = commandApp(config, to, command.app, (app) => `/promote ${from.name} ${to.name} ${app}`);
  return "error" in chosen ? { answer: chosen.error } : { from, to, ...chosen };
}

/** /promote: exactly what last succeeded on `from`. */
export function decidePromote(config: Config, command: PromoteCommand, facts: { readonly history: readonly DeploymentRecord[] }): CommandDecision {
  const scope = promoteScope(config, command);
  if ("answer" in scope) return scope;
  const target = choosePromotion({ from: scope.from.name, to: scope.to.name, history: facts.history });
  if ("error" in target) return { answer: target.error };
  return { deploy: { env: scope.to, ...(scope.app === undefined ? {} : { app: scope.app }), ...redeployOf(target), withMigrations: false } };
}

// /deploy <env> [ref|tag|version] [app] [--with-migrations] ---------------------------------------

export function deployScope(config: Config, command: DeployCommand): CommandScope {
  return scopeOf(config, command.environment, command.app, (env, app) => ["/deploy", env.name, command.ref, app].filter(Boolean).join(" "));
}

/** The names /deploy resolves to commits: a version's release tag (when it renders), and the ref. */
export function deployReads(config: Config, command: DeployCommand, defaultBranch: string): { readonly versionTag?: string; readonly ref: string } | undefined {
  const scope = deployScope(config, command);
  if ("answer" in scope) return undefined;
  const followed = scope.env.follows?.kind === "branch" ? scope.env.follows.branch : undefined;
  const ref = command.ref ?? followed ?? defaultBranch;
  const appConfig = appConfigOf(config, scope.app);
  if (command.ref === undefined || !isVersion(command.ref) || appConfig === undefined) return { ref };
  const tag = tryRender(appConfig.tag, { version: stripV(command.ref), app: appConfig.name });
  return tag.ok ? { versionTag: tag.value, ref } : { ref };
}

function appConfigOf(config: Config, app: string | undefined) {
  const name = appName(config, app);
  return config.apps.find((candidate) => candidate.name === name) ?? config.apps[0];
}

export interface DeployCommandFacts {
  readonly defaultBranch: string;
  /** The commit of each name deployReads asked for; undefined when it names none. */
  readonly commits: Readonly<Record<string, string | undefined>>;
}

/** /deploy: a version names the app's release tag; a ref is a branch, tag or SHA; nothing means the branch the environment follows. */
export function decideDeploy(config: Config, command: DeployCommand, facts: DeployCommandFacts): CommandDecision {
  const scope = deployScope(config, command);
  if ("answer" in scope) return scope;
  const reads = deployReads(config, command, facts.defaultBranch);
  if (reads === undefined) return { answer: noEnvironmentText(command.environment) };
  const base = { ...scope, withMigrations: command.withMigrations };
  const tagged = reads.versionTag === undefined ? undefined : facts.commits[reads.versionTag];
  if (reads.versionTag !== undefined && tagged !== undefined && command.ref !== undefined)
    return { deploy: { ...base, sha: tagged, version: stripV(command.ref), tag: reads.versionTag } };
  const sha = facts.commits[reads.ref];
  if (sha === undefined)
    return {
      answer: `${reads.ref} is not a branch, tag or commit of this repository; name one that is, e.g. /deploy ${command.environment} ${facts.defaultBranch}`,
    };
  const appConfig = appConfigOf(config, scope.app);
  const release = appConfig === undefined ? undefined : appOfTag(reads.ref, [appConfig]);
  return { deploy: release === undefined ? { ...base, sha } : { ...base, sha, version: release.version, tag: reads.ref } };
}
