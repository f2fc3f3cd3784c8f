// What /deploy, /rollback and /promote share: who asked, where, with which approvals, and which
// app a command means when the person left it out.

import type { Config, EnvironmentConfig } from "../../policy/config/index.js";
import type { DeployCommand, PromoteCommand, RollbackCommand } from "../../policy/commands/types.js";
import { approvalComments } from "../../policy/deploy/approval-comments.js";
import type { ApprovalFact } from "../../policy/deploy/gates.js";
import type { CommandRun } from "../commands/types.js";
import { carryOut } from "../carry-out.js";
import { plan } from "../../policy/plan.js";
import { runDeploy, type DeployRequest } from "./run-deploy.js";

type AnyRun = CommandRun<DeployCommand> | CommandRun<RollbackCommand> | CommandRun<PromoteCommand>;

export function environmentNamed(config: Config, name: string): EnvironmentConfig | undefined {
  return config.environments.find((env) => env.name === name);
}

/** The app a command is about, or a sentence asking for it when the environment has several. */
export function commandApp(
  config: Config,
  env: EnvironmentConfig,
  app: string | undefined,
  example: (app: string) => string,
): { app?: string } | { error: string } {
  if (config.apps.length <= 1) return {};
  if (app !== undefined) {
    if (!env.apps.includes(app)) return { error: `${app} is not deployed to ${env.name}; its apps are ${env.apps.join(", ")}.` };
    return { app };
  }
  const [only] = env.apps;
  if (env.apps.length === 1 && only !== undefined) return { app: only };
  return { error: `${env.name} runs several apps (${env.apps.join(", ")}); name one, e.g. ${example(env.apps[0] ?? "app")}` };
}

/**
 * 👍 on the command comment and on the same command's earlier comments (and the bot's replies)
 * refused for approvals in this issue, and approving reviews when typed on a pull request. The
 * issue's comments are listed once to find those; a comment whose rollup shows no 👍 costs nothing.
 */
export async function approvalsFor(run: AnyRun, request: Pick<Requested, "env" | "app" | "sha">): Promise<ApprovalFact[]> {
  const { context } = run;
  const _repo = context.repo();
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

export async function answer(run: AnyRun, text: string): Promise<void> {
  await carryOut(run.context, plan(`Answer /${run.command.name}.`, [run.reply(text)]), run.options);
}

type Requested = Pick<DeployRequest, "env" | "sha" | "withMigrations"> & Partial<Pick<DeployRequest, "app" | "version" | "tag" | "image">>;

export async function deployFromCommand(run: AnyRun, request: Requested): Promise<void> {
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
