// What /deploy, /rollback and /promote share once policy decided (command-target.ts): the answer,
// or the deploy with who asked, where, and with which approvals.

import type { DeployCommand, PromoteCommand, RollbackCommand } from "../../policy/commands/types.js";
import { approvalComments } from "../../policy/deploy/approval-comments.js";
import type { ApprovalFact } from "../../policy/deploy/gates.js";
import type { CommandRun } from "../commands/types.js";
import { carryOut } from "../../features/carry-out.js";
import { plan } from "../../policy/plan.js";
import { runDeploy } from "./run-deploy.js";
import type { CommandDecision, CommandDeploy } from "../../policy/deploy/command-target.js";

type AnyRun = CommandRun<DeployCommand> | CommandRun<RollbackCommand> | CommandRun<PromoteCommand>;

/**
 * 👍 on the command comment and on the same command's earlier comments (and the bot's replies)
 * refused for approvals in this issue, and approving reviews when typed on a pull request. The
 * issue's comments are listed once to find those; a comment whose rollup shows no 👍 costs nothing.
 */
async function approvalsFor(run: AnyRun, request: Pick<Requested, "env" | "app" | "sha">): Promise<ApprovalFact[]> {
  const { context } = run;
  const { comment, issue } = context.payload;
  const comments = await context.facts.issueComments(issue.number);
  const where = approvalComments({
    command: run.command.name,
    commentId: comment.id,
    env: request.env.name,
    ...(request.app === undefined ? {} : { app: request.app }),
    sha: request.sha,
    comments,
  });
  if (where.earlier.length > 0)
    context.log.info({ earlier: where.earlier }, `counting the 👍 on ${where.earlier.length} earlier /${run.command.name} refused for approvals`);
  const approvals = await context.facts.thumbsUpApprovals(where.read);
  if (issue.pull_request !== undefined) approvals.push(...(await context.facts.reviewApprovals(issue.number)));
  return approvals;
}

/** Carries the command's decision out: its answer, or the deploy it asks for through runDeploy. */
export async function carryOutCommand(run: AnyRun, decision: CommandDecision): Promise<void> {
  if ("answer" in decision) {
    await carryOut(run.context, plan(`Answer /${run.command.name}.`, [run.reply(decision.answer)]), run.options);
    return;
  }
  await deployFromCommand(run, decision.deploy);
}

type Requested = CommandDeploy;

async function deployFromCommand(run: AnyRun, request: Requested): Promise<void> {
  const { context } = run;
  const { comment, issue, repository } = context.payload;
  await runDeploy(
    context,
    run.config,
    {
      ...request,
      trigger: `comment-${comment.id}`,
      requester: comment.user?.login ?? context.payload.sender.login,
      issueNumber: issue.number,
      approvals: request.env.approvals > 0 ? await approvalsFor(run, request) : [],
      defaultBranch: repository.default_branch,
    },
    run.options,
  );
}
