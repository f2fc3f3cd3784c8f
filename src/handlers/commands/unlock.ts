// /unlock <env>: free the environment whoever holds it; people with the commands permission are
// trusted to know why it was held. The decision and the reply are policy's (lock-command.ts).

import type { UnlockCommand } from "../../policy/commands/types.js";
import { decideUnlock } from "../../policy/deploy/lock-command.js";
import { carryOut } from "../../features/carry-out.js";
import type { CommandHandler } from "./types.js";

export const unlock: CommandHandler<UnlockCommand> = async (run) => {
  const { command, config, context, options } = run;
  const known = config.environments.some((env) => env.name === command.environment);
  const held = known ? await context.facts.currentLock(command.environment) : undefined;
  await carryOut(context, decideUnlock(config, command, { repo: context.repo(), commentId: context.payload.comment.id, held }, run.reply), options);
};
