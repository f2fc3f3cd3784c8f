// /promote <from> <to> [app]: deploy to <to> exactly what last succeeded on <from>. Gathers the
// history of <from>; decidePromote (src/policy/deploy/command-target.ts) decides.

import type { PromoteCommand } from "../../policy/commands/types.js";
import { decidePromote, promoteScope } from "../../policy/deploy/command-target.js";
import { carryOutCommand } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const promote: CommandHandler<PromoteCommand> = async (run) => {
  const { command, config, context } = run;
  const scope = promoteScope(config, command);
  const history = "answer" in scope ? [] : await context.facts.deploymentHistory(scope.from.name, scope.app);
  await carryOutCommand(run, decidePromote(config, command, { history }));
};
