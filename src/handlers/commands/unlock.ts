// /unlock <env>: free the environment whoever holds it; people with the commands permission are
// trusted to know why it was held.

import type { UnlockCommand } from "../../policy/commands/types.js";
import { lockScope } from "../../policy/deploy/lock.js";
import { plan } from "../../policy/plan.js";
import { carryOut } from "../carry-out.js";
import type { CommandHandler } from "./types.js";
import { inertText } from "../../policy/markdown/inert.js";

export const unlock: CommandHandler<UnlockCommand> = async (run) => {
  const { command, config, context, options } = run;
  const env = config.environments.find((candidate) => candidate.name === command.environment);
  if (env === undefined) {
    await carryOut(
      context,
      plan("Answer /unlock.", [run.reply(`there is no environment ${command.environment}; type /help for this repository's environments.`)]),
      options,
    );
    return;
  }
  const held = await context.facts.currentLock(env.name);
  const text =
    held === undefined ? `${env.name} was not locked; nothing to free.` : `🔓 ${env.name} is free again (it was locked by ${inertText(held.holder)}).`;
  await carryOut(
    context,
    plan(`Unlock ${env.name}.`, [
      {
        kind: "release-lock",
        key: `unlock:${lockScope(env.name)}:comment-${context.payload.comment.id}`,
        repo: context.repo(),
        environment: lockScope(env.name),
      },
      run.reply(text),
    ]),
    options,
  );
};
