// The answers of the commands that only report (/help, /status), and what the intake says when
// a command has no handler or failed. Pure: the reply comes in as the comment action to fill.
import type { Config } from "../config/index.js";
import { inertText } from "../markdown/inert.js";
import { plan, type Action, type Plan } from "../plan.js";
import { renderStatus, type StatusFacts } from "../status/index.js";
import { helpText } from "./help.js";
import type { CommandName, KnownNames } from "./types.js";

type Reply = (text: string) => Action;

/** The environments and apps a command may name. */
export function knownNames(config: Config | undefined): KnownNames {
  return { environments: config?.environments.map((env) => env.name) ?? [], apps: config?.apps.map((app) => app.name) ?? [] };
}

/** The 👀 that says a command was taken, before its handler runs. */
export function acknowledge(name: CommandName, actions: readonly Action[]): Plan {
  return plan(`Acknowledge /${name}.`, actions);
}

export function answerHelp(config: Config, reply: Reply): Plan {
  return plan("Answer /help.", [reply(helpText(knownNames(config)))]);
}

export function answerStatus(status: StatusFacts, reply: Reply): Plan {
  return plan("Answer /status.", [reply(`here is where things stand.\n\n${renderStatus(status)}`)]);
}

export function answerUnsupported(name: string, reply: Reply): Plan {
  return plan("Unsupported command.", [reply(`/${name} is not available in this version of Release Pilot; type /help for the commands it has.`)]);
}

/** Nothing is lost: the person who asked hears that it failed (the job still fails for retry). */
export function answerFailure(name: string, reason: string, reply: Reply): Plan {
  return plan("Report the failure.", [reply(`/${name} failed: ${inertText(reason)}`)]);
}

/** Deploys, locks and releases change what the dashboard shows; /help and /status do not. */
export function refreshesDashboard(name: CommandName): boolean {
  return name !== "help" && name !== "status";
}
