// /freeze <env> [for <duration>] <reason> and /unfreeze <env>: read the freeze on the environment
// and the default branch's head, let policy decide (freeze-command.ts), carry the plan out.
import type { FreezeCommand, UnfreezeCommand } from "../../policy/commands/types.js";
import { decideFreeze, decideUnfreeze, freezeScope } from "../../policy/deploy/freeze-command.js";
import { carryOut } from "../../features/carry-out.js";
import type { CommandHandler } from "./types.js";

export const freeze: CommandHandler<FreezeCommand> = async (run) => {
  const { command, config, context, options } = run;
  const { comment, repository, sender } = context.payload;
  const known = config.environments.some((env) => env.name === command.environment);
  const branch = repository.default_branch;
  const decided = decideFreeze(
    config,
    command,
    {
      repo: context.repo(),
      holder: comment.user?.login ?? sender.login,
      commentId: comment.id,
      now: context.now,
      defaultBranch: branch,
      commit: known ? await context.facts.commitOf(branch) : undefined,
      held: known ? await context.facts.lockOfScope(freezeScope(command.environment)) : undefined,
    },
    run.reply,
  );
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
