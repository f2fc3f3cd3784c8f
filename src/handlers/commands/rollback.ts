// /rollback <env> [app] [to <tag>]: redeploy the version that ran before the current one (or the
// named one), the same commit and, when known, the same image. The whole decision, from the
// comment to the answer, is rollbackCommand (src/policy/deploy/command-decision.ts).
import type { RollbackCommand } from "../../policy/commands/types.js";
import { rollbackCommand } from "../../policy/deploy/command-decision.js";
import { runDecision } from "../../features/decision.js";
import { commandAt } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const rollback: CommandHandler<RollbackCommand> = (run) => runDecision(run.context, rollbackCommand(run.config, run.command, commandAt(run)));
