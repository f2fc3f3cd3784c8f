// /status [app]: what is deployed where, what is unreleased, open checklists and locks.
import type { StatusCommand } from "../../policy/commands/types.js";
import { plan } from "../../policy/plan.js";
import { renderStatus } from "../../policy/status/index.js";
import { carryOut } from "../carry-out.js";
import { gatherStatusFacts } from "../status-facts.js";
import type { CommandHandler } from "./types.js";

export const status: CommandHandler<StatusCommand> = async ({ context, command, config, options, reply }) => {
  const facts = await gatherStatusFacts(context.octokit, context.repo(), await options.self(), config, command.app, new Date());
  await carryOut(context, plan("Answer /status.", [reply(`here is where things stand.\n\n${renderStatus(facts)}`)]), options);
};
