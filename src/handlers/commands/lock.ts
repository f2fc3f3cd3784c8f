// /lock <env> [reason] [for <duration>]: hold an environment so no deploy but the holder's runs.
// Gathers the lock on it and the default branch's head, lets policy decide (lock-command.ts),
// and carries the plan out; a lock taken by someone else meanwhile comes back as a `held`
// effect, and the lock read again is what policy words the refusal from.

import type { LockCommand } from "../../policy/commands/types.js";
import { decideLock, lockHeldAnswer } from "../../policy/deploy/lock-command.js";
import { carryOut } from "../../features/carry-out.js";
import { lockRefFacts } from "./lock-ref-facts.js";
import type { CommandHandler } from "./types.js";

export const lock: CommandHandler<LockCommand> = async (run) => {
  const { command, config, context, options } = run;
  const decided = decideLock(config, command, await lockRefFacts(context, config, command.environment, command.environment), run.reply);
  if ("error" in decided) throw new Error(decided.error);
  const effects = await carryOut(context, decided, options);
  const contended = effects.find((effect) => effect.status === "held");
  if (contended === undefined) return;
  const held = (await context.facts.lockOfScope(command.environment)) ?? contended.held;
  if (held === undefined) throw new Error(`the lock on ${command.environment} was held and then vanished; try again`);
  await carryOut(context, lockHeldAnswer("lock", run.reply, command.environment, held), options);
};
