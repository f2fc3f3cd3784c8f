// /freeze <env> [for <duration>] <reason> and /unfreeze <env>: read the freeze on the environment
// and the default branch's head, let policy decide (freeze-command.ts), carry the plan out.
import type { FreezeCommand, UnfreezeCommand } from "../../policy/commands/types.js";
import { decideFreeze, decideUnfreeze, freezeScope } from "../../policy/deploy/freeze-command.js";
import { carryOut } from "../../features/carry-out.js";
import { lockRefFacts } from "./lock-ref-facts.js";
import type { CommandHandler } from "./types.js";

export const freeze: CommandHandler<FreezeCommand> = async (run) => {
  const { command, config, context, options } = run;
  const facts = await lockRefFacts(context, config, command.environment, freezeScope(command.environment));
  const decided = decideFreeze(config, command, facts, run.reply);
  if ("error" in decided) throw new Error(decided.error);
  await carryOut(context, decided, options);
};

export const unfreeze: CommandHandler<UnfreezeCommand> = async (run) => {
  const { command, config, context, options } = run;
  const known = config.environments.some((env) => env.name === command.environment);
  const held = known ? await context.facts.lockOfScope(freezeScope(command.environment)) : undefined;
  await carryOut(
    context,
    decideUnfreeze(config, command, { repo: context.repo(), commentId: context.payload.comment.id, held, now: context.now }, run.reply),
    options,
  );
};
