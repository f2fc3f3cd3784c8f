// /rollback <env> [app] [to <tag>]: redeploy the version that ran before the current one (or the
// named one), the same commit and, when known, the same image. Gathers the environment's history
// and the named tag's commit; decideRollback (src/policy/deploy/command-target.ts) decides.

import type { RollbackCommand } from "../../policy/commands/types.js";
import { decideRollback, rollbackScope } from "../../policy/deploy/command-target.js";
import { carryOutCommand } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const rollback: CommandHandler<RollbackCommand> = async (run) => {
  const { command, config, context } = run;
  const scope = rollbackScope(config, command);
  const facts =
    "answer" in scope
      ? { history: [], named: undefined }
      : {
          history: await context.facts.deploymentHistory(scope.env.name, scope.app),
          // A named tag that was never deployed here is still a fine place to go back to.
          named: command.to === undefined ? undefined : await context.facts.commitOf(command.to),
        };
  await carryOutCommand(run, decideRollback(config, command, facts));
};
