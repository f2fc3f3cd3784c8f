// `/backport <branch>` on a merged pull request: policy checks the branch, the pull request and
// the cherry-pick's facts are read, policy opens the backport or reports the conflict, and the
// reply is finished with the backport's address.
import type { BackportCommand } from "../../policy/commands/types.js";
import { backportOpenedReply, backportCommandRefusal, planBackportCommand } from "../../policy/backport/command.js";
import { backportKey } from "../../policy/backport/plan.js";
import { carryOut } from "../../features/carry-out.js";
import { plan } from "../../policy/plan.js";
import type { CommandHandler } from "./types.js";

export const backport: CommandHandler<BackportCommand> = async (run) => {
  const { context, command, config, options } = run;
  const { issue, repository } = context.payload;
  const refusal = backportCommandRefusal(config, {
    branch: command.branch,
    defaultBranch: repository.default_branch,
    onPullRequest: issue.pull_request != null,
    answer: run.reply,
  });
  if (refusal !== undefined) {
    await carryOut(context, refusal, options);
    return;
  }
  const pull = await context.facts.mergedPull(issue.number);
  if (pull === undefined) throw new Error(`pull request #${issue.number} could not be read`);
  // Nothing is picked from a pull request that is not merged: policy refuses it before the pick.
  const pick = pull.mergeCommitSha === null ? { kind: "no-branch" as const } : await context.facts.cherryPick(pull.mergeCommitSha, command.branch);
  const key = backportKey(pull.number, command.branch);
  const effects = await carryOut(context, planBackportCommand({ repo: context.repo(), pull, branch: command.branch, pick, answer: run.reply }), options);
  const url = effects.find((effect) => effect.key === key)?.url;
  if (url === undefined || options.dryRun) return;
  await carryOut(context, plan("Finish the /backport reply with the link.", [run.reply(backportOpenedReply(pull.number, command.branch, url))]), options);
};
