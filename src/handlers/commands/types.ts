import type { ParsedCommand } from "../../policy/commands/types.js";
import type { Config } from "../../policy/config/index.js";
import type { Action } from "../../policy/plan.js";
import type { RunOptions } from "../../features/carry-out.js";
import type { FeatureContext } from "../../features/feature.js";

export type CommentContext = FeatureContext<"issue_comment.created">;

/** Everything a command's handler starts from; the intake already checked who asked. */
export interface CommandRun<C extends ParsedCommand> {
  readonly context: CommentContext;
  readonly command: C;
  readonly config: Config;
  readonly options: RunOptions;
  /** The bot's single answer to this comment (edited in place as work goes on). */
  readonly reply: (text: string) => Action;
}

export type CommandHandler<C extends ParsedCommand> = (run: CommandRun<C>) => Promise<void>;

export type CommandHandlers = {
  readonly [K in ParsedCommand["name"]]?: CommandHandler<Extract<ParsedCommand, { name: K }>>;
};
