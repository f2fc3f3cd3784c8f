// /help: the commands and this repository's environments.
import { answerHelp } from "../../policy/commands/answers.js";
import { carryOut } from "../../features/carry-out.js";
import type { CommandHandler } from "./types.js";

export const help: CommandHandler<{ name: "help" }> = async ({ context, config, options, reply }) => {
  await carryOut(context, answerHelp(config, reply), options);
};
