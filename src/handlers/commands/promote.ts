// /promote <from> <to> [app]: deploy to <to> exactly what last succeeded on <from>.

import type { PromoteCommand } from "../../policy/commands/types.js";
import { choosePromotion } from "../../policy/deploy/promote.js";
import { redeployOf } from "../../policy/deploy/settings.js";
import { answer, commandApp, deployFromCommand, environmentNamed } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const promote: CommandHandler<PromoteCommand> = async (run) => {
  const { command, config, context } = run;
  const from = environmentNamed(config, command.from);
  const to = environmentNamed(config, command.to);
  if (from === undefined || to === undefined)
    return answer(run, `there is no environment ${from === undefined ? command.from : command.to}; type /help for this repository's environments.`);
  const chosen = commandApp(config, to, command.app, (app) => `/promote ${from.name} ${to.name} ${app}`);
  if ("error" in chosen) return answer(run, chosen.error);
  const history = await context.facts.deploymentHistory(from.name, chosen.app);
  const target = choosePromotion({ from: from.name, to: to.name, history });
  if ("error" in target) return answer(run, target.error);
  await deployFromCommand(run, { env: to, ...chosen, ...redeployOf(target), withMigrations: false });
};
