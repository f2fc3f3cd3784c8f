// /deploy <env> [ref|tag|version] [app] [--with-migrations]: resolve what to deploy to a commit,
// then the environment's gates decide.

import { isVersion, stripV } from "../../policy/commands/arguments.js";
import type { DeployCommand } from "../../policy/commands/types.js";
import { appOfTag } from "../../policy/release/which-app.js";
import { tryRender } from "../../policy/template.js";
import { answer, commandApp, deployFromCommand, environmentNamed } from "../deploy/from-command.js";
import { appName } from "../deploy/run-deploy.js";
import type { CommandHandler, CommandRun } from "./types.js";

export const deploy: CommandHandler<DeployCommand> = async (run) => {
  const { command, config } = run;
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return answer(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const chosen = commandApp(config, env, command.app, (app) => ["/deploy", env.name, command.ref, app].filter(Boolean).join(" "));
  if ("error" in chosen) return answer(run, chosen.error);
  const target = await resolveTarget(run, appName(config, chosen.app), env.follows?.kind === "branch" ? env.follows.branch : undefined);
  if ("error" in target) return answer(run, target.error);
  await deployFromCommand(run, { env, ...chosen, ...target, withMigrations: command.withMigrations });
};

/** A version names the app's release tag; a ref is a branch, tag or SHA; nothing means the branch the environment follows. */
async function resolveTarget(
  run: CommandRun<DeployCommand>,
  app: string | undefined,
  followed: string | undefined,
): Promise<{ sha: string; version?: string; tag?: string } | { error: string }> {
  const { context, command, config } = run;
  const _repo = context.repo();
  const ref = command.ref ?? followed ?? context.payload.repository.default_branch;
  const appConfig = config.apps.find((candidate) => candidate.name === app) ?? config.apps[0];
  if (command.ref !== undefined && isVersion(command.ref) && appConfig !== undefined) {
    const version = stripV(command.ref);
    const tag = tryRender(appConfig.tag, { version, app: appConfig.name });
    const sha = tag.ok ? await context.facts.commitOf(tag.value) : undefined;
    if (tag.ok && sha !== undefined) return { sha, version, tag: tag.value };
  }
  const sha = await context.facts.commitOf(ref);
  if (sha === undefined)
    return {
      error: `${ref} is not a branch, tag or commit of this repository; name one that is, e.g. /deploy ${command.environment} ${context.payload.repository.default_branch}`,
    };
  const release = appConfig === undefined ? undefined : appOfTag(ref, [appConfig]);
  return release === undefined ? { sha } : { sha, version: release.version, tag: ref };
}
