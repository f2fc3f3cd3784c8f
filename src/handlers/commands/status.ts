// /status [app]: what is deployed where, what is unreleased, open checklists and locks.
import { answerStatus } from "../../policy/commands/answers.js";
import type { StatusCommand } from "../../policy/commands/types.js";
import { carryOut } from "../../features/carry-out.js";
import { gatherStatus } from "../status-facts.js";
import type { CommandHandler } from "./types.js";

export const status: CommandHandler<StatusCommand> = async ({ context, command, config, options, reply }) => {
  await carryOut(context, answerStatus(await gatherStatus(context, config, command.app), reply), options);
};
