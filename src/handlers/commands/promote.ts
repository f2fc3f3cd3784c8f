// /promote <from> <to> [app]: deploy to <to> exactly what last succeeded on <from>. The whole
// decision is promoteCommand (src/policy/deploy/command-decision.ts).
import type { PromoteCommand } from "../../policy/commands/types.js";
import { promoteCommand } from "../../policy/deploy/command-decision.js";
import { runDecision } from "../../features/decision.js";
import { commandAt } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const promote: CommandHandler<PromoteCommand> = (run) => runDecision(run.context, promoteCommand(run.config, run.command, commandAt(run)));
