// `plan --event issue_comment`: what onIssueComment (src/handlers/issue-comment.ts) would do: the
// intake (is it a command, may this person run it), then the command itself, planned from the
// facts as its handler in src/handlers/commands/ decides it, then the dashboard.
import { z } from "zod";
import { commandHandlers } from "../handlers/commands/index.js";
import { reply, takeCommand, type CommentFacts } from "../policy/command-intake.js";
import { parseCommand } from "../policy/commands/parse.js";
import type { ParsedCommand } from "../policy/commands/types.js";
import { plan, type Action, type Plan } from "../policy/plan.js";
import { planChecklistCommand, planHelp, planLock, planRelease, planUnlock } from "./plan-commands.js";
import { planDeployCommand, planPromote, planRollback } from "./plan-commands-deploy.js";
import { planDashboard } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";
import { permissionOf } from "./plan-world.js";

const Label = z.union([z.string(), z.object({ name: z.string().optional() })]);

export const CommentPayload = z.object({
  action: z.string(),
  comment: z.object({ id: z.number(), body: z.string(), user: z.object({ login: z.string(), type: z.string() }).nullable() }),
  issue: z.object({
    number: z.number(),
    title: z.string(),
    body: z.string().nullable(),
    labels: z.array(Label).default([]),
    pull_request: z.unknown().optional(),
  }),
  repository: Repository,
  sender: z.object({ login: z.string(), type: z.string() }),
});

export type Comment = PlanInput<z.infer<typeof CommentPayload>>;

/** What every command planner gets: the comment's input, the command, and its one reply. */
export interface CommandRun<C extends ParsedCommand> {
  readonly input: Comment;
  readonly command: C;
  readonly author: string;
  /** The bot's single answer to this comment, as the handler's `run.reply`. */
  readonly reply: (text: string) => Action;
}

/** A command's plan, or why it cannot be planned offline. */
export type CommandPlan = Plan | string;

function planCommand(run: CommandRun<ParsedCommand>): CommandPlan {
  const { command } = run;
  switch (command.name) {
    case "deploy":
      return planDeployCommand({ ...run, command });
    case "rollback":
      return planRollback({ ...run, command });
    case "promote":
      return planPromote({ ...run, command });
    case "lock":
      return planLock({ ...run, command });
    case "unlock":
      return planUnlock({ ...run, command });
    case "release":
      return planRelease({ ...run, command });
    case "checklist":
      return planChecklistCommand({ ...run, command });
    case "help":
      return planHelp({ ...run, command });
    case "status":
      return "/status shows every deployment, lock, release and unreleased pull request, which are read from GitHub, not from --facts";
  }
}

export function planComment(input: Comment): PlannedPart[] | string {
  const { payload, config } = input;
  if (payload.action !== "created") return `issue_comment.${payload.action} sets nothing off; only new comments are read as commands.`;
  const { comment, issue, sender } = payload;
  const known = { environments: config.environments.map((env) => env.name), apps: config.apps.map((app) => app.name) };
  const author = comment.user?.login ?? sender.login;
  const facts: CommentFacts = {
    repo: input.repo,
    issueNumber: issue.number,
    commentId: comment.id,
    author,
    authorIsBot: comment.user?.type === "Bot" || sender.type === "Bot",
    parsed: parseCommand(comment.body, known),
    permission: undefined,
    needed: config.commands.permission,
  };
  let intake = takeCommand(facts);
  // The handler reads the permission only for a command; so does the plan's assumption.
  if (intake.kind === "need-permission") intake = takeCommand({ ...facts, permission: permissionOf(input, author, config.commands.permission) });
  switch (intake.kind) {
    case "need-permission":
      return "the commenter's permission was given but not taken into account";
    case "ignore":
    case "answer":
      return [{ feature: "intake", plan: intake.plan }];
    case "run":
      break;
  }
  const { command } = intake;
  const parts: PlannedPart[] = [{ feature: "intake", plan: plan(`Acknowledge /${command.name}.`, intake.acknowledge) }];
  const name = `/${command.name}`;
  const answer = (text: string) => reply(facts, text);
  if (commandHandlers[command.name] === undefined) {
    parts.push({
      feature: name,
      plan: plan("Unsupported command.", [answer(`/${command.name} is not available in this version of Release Pilot; type /help for the commands it has.`)]),
    });
    return parts;
  }
  const decided = planCommand({ input, command, author, reply: answer });
  parts.push(typeof decided === "string" ? { feature: name, notPlanned: decided } : { feature: name, plan: decided });
  // Deploys, locks and releases change what the dashboard shows; /help and /status do not.
  if (command.name !== "help" && command.name !== "status") parts.push(...planDashboard(input));
  return parts;
}

/** A command answered with one sentence and nothing else, as the handlers' `answer`. */
export function answered(run: CommandRun<ParsedCommand>, text: string): Plan {
  return plan(`Answer /${run.command.name}.`, [run.reply(text)]);
}
