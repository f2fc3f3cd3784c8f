// /deploy <env> [ref|tag|version] [app] [--with-migrations]: resolve what to deploy to a commit,
// then the environment's gates decide. The whole decision is deployCommand
// (src/policy/deploy/command-decision.ts).
import type { DeployCommand } from "../../policy/commands/types.js";
import { deployCommand } from "../../policy/deploy/command-decision.js";
import { runDecision } from "../../features/decision.js";
import { commandAt } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const deploy: CommandHandler<DeployCommand> = (run) => runDecision(run.context, deployCommand(run.config, run.command, commandAt(run)));
