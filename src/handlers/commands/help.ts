import { helpText } from "../../policy/commands/help.js";
import { plan } from "../../policy/plan.js";
import { carryOut } from "../carry-out.js";
import type { CommandHandler } from "./types.js";

export const help: CommandHandler<{ name: "help" }> = async ({ context, config, options, reply }) => {
  const known = { environments: config.environments.map((env) => env.name), apps: config.apps.map((app) => app.name) };
  await carryOut(context, plan("Answer /help.", [reply(helpText(known))]), options);
};
