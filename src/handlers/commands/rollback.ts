// /rollback <env> [app] [to <tag>]: redeploy the version that ran before the current one (or the
// named one), the same commit and, when known, the same image.

import type { RollbackCommand } from "../../policy/commands/types.js";
import { rollbackForCommand } from "../../policy/deploy/rollback.js";
import { redeployOf } from "../../policy/deploy/settings.js";
import { answer, commandApp, deployFromCommand, environmentNamed } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const rollback: CommandHandler<RollbackCommand> = async (run) => {
  const { command, config, context } = run;
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return answer(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const chosen = commandApp(config, env, command.app, (app) => `/rollback ${env.name} ${app}`);
  if ("error" in chosen) return answer(run, chosen.error);
  const _repo = context.repo();
  const history = await context.facts.deploymentHistory(env.name, chosen.app);
  // A named tag that was never deployed here is still a fine place to go back to.
  const named = command.to === undefined ? undefined : await context.facts.commitOf(command.to);
  const target = rollbackForCommand(command, env.name, chosen.app, history, named);
  if ("error" in target) return answer(run, target.error);
  await deployFromCommand(run, { env, ...chosen, ...redeployOf(target), withMigrations: false });
};
