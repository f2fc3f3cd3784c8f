// issue_comment.created: the intake (is it a command, may this person run it), then the
// command's handler, then the dashboard. What to answer is decided in src/policy/commands/.
import { reply, takeCommand, type CommentFacts } from "../policy/command-intake.js";
import { acknowledge, answerFailure, answerUnsupported, knownNames, refreshesDashboard } from "../policy/commands/answers.js";
import { parseCommand } from "../policy/commands/parse.js";
import { carryOut, type RunOptions } from "../features/carry-out.js";
import { commandHandlers } from "./commands/index.js";
import type { CommandHandler } from "./commands/types.js";
import type { ParsedCommand } from "../policy/commands/types.js";
import { NotPlannableOfflineError } from "../facts/json/not-given.js";
import { FeaturesFailedError, forFeature, type FeatureContext } from "../features/feature.js";
import { refreshDashboard } from "./dashboard.js";

type CommentContext = FeatureContext<"issue_comment.created">;

/** Slash commands: only new comments (edits of old ones are not re-run), only from people. */
export async function onIssueComment(context: CommentContext, options: RunOptions): Promise<void> {
  const { comment, issue, sender } = context.payload;
  const loaded = await context.facts.config();
  // A repository that never asked for the bot hears nothing from it.
  if (loaded.kind === "missing") return;
  const config = loaded.kind === "ok" ? loaded.config : undefined;
  const known = knownNames(config);
  const facts: CommentFacts = {
    repo: context.repo(),
    issueNumber: issue.number,
    commentId: comment.id,
    author: comment.user?.login ?? sender.login,
    authorIsBot: comment.user?.type === "Bot" || sender.type === "Bot",
    parsed: parseCommand(comment.body, known),
    permission: undefined,
    needed: config?.commands.permission ?? "write",
    ...(loaded.kind === "invalid" ? { configError: loaded.message } : {}),
  };
  let intake = takeCommand(facts);
  if (intake.kind === "need-permission") intake = takeCommand({ ...facts, permission: await context.facts.permission(facts.author) });
  switch (intake.kind) {
    case "need-permission":
      throw new Error("the commenter's permission was read but not taken into account");
    case "ignore":
    case "answer":
      await carryOut(forFeature(context, "intake"), intake.plan, options);
      return;
    case "run":
      break;
  }
  if (config === undefined) return;
  await carryOut(forFeature(context, "intake"), acknowledge(intake.command.name, intake.acknowledge), options);
  const commandContext = forFeature(context, `/${intake.command.name}`);
  const answer = (text: string) => reply(facts, text);
  const handler = commandHandlers[intake.command.name] as CommandHandler<ParsedCommand> | undefined;
  if (handler === undefined) {
    await carryOut(commandContext, answerUnsupported(intake.command.name, answer), options);
    return;
  }
  try {
    await handler({ context: commandContext, command: intake.command, config, options, reply: answer });
  } catch (error) {
    // Offline, a read the facts file cannot answer is no failure to tell the person: the plan
    // names it as the command's, with what to give in --facts.
    if (error instanceof NotPlannableOfflineError) throw new FeaturesFailedError([{ feature: `/${intake.command.name}`, error }]);
    // Nothing is lost: the person who asked hears that it failed, and the job still fails for retry.
    const reason = error instanceof Error ? error.message : String(error);
    await carryOut(commandContext, answerFailure(intake.command.name, reason, answer), options);
    throw error;
  }
  // Deploys, locks and releases change what the dashboard shows; its own failure is not the
  // command's: failing the job would report "could not finish your command" into the reply of a
  // command that did finish. The next event refreshes the dashboard again.
  if (refreshesDashboard(intake.command.name)) {
    try {
      await refreshDashboard(forFeature(context, "refreshDashboard"), config, options);
    } catch (error) {
      context.log.error(
        { delivery: context.id, error: error instanceof Error ? error.message : String(error) },
        "the dashboard could not be refreshed after the command",
      );
    }
  }
}
