// What /deploy, /rollback and /promote know from the comment's event, for their decisions
// (src/policy/deploy/command-decision.ts): who asked, where, and how to answer them.
import type { DeployCommand, PromoteCommand, RollbackCommand } from "../../policy/commands/types.js";
import type { CommandAt } from "../../policy/deploy/command-decision.js";
import type { CommandRun } from "../commands/types.js";

type AnyRun = CommandRun<DeployCommand> | CommandRun<RollbackCommand> | CommandRun<PromoteCommand>;

export function commandAt(run: AnyRun): CommandAt {
  const { context } = run;
  const { comment, issue, repository, sender } = context.payload;
  return {
    repo: context.repo(),
    now: context.now,
    commentId: comment.id,
    issueNumber: issue.number,
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    requester: comment.user?.login ?? sender.login,
    defaultBranch: repository.default_branch,
    reply: run.reply,
  };
}
