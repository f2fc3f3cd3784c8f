// /deploy, /rollback and /promote, each as one decision from the comment to what its author
// hears: what the command deploys (command-target.ts), the approvals counted for it, then the
// deploy itself (deploy-decision.ts). The handlers only run these (src/features/decision.ts).
import { act, ask, type Decision } from "../ask.js";
import type { DeployCommand, PromoteCommand, RollbackCommand } from "../commands/types.js";
import type { Config } from "../config/index.js";
import { plan, type Action } from "../plan.js";
import { approvalComments } from "./approval-comments.js";
import {
  decideDeploy,
  decidePromote,
  decideRollback,
  deployReads,
  deployScope,
  promoteScope,
  rollbackScope,
  type CommandDecision,
  type CommandDeploy,
} from "./command-target.js";
import { decidedDeploy, deployDecision, type DecisionAt } from "./deploy-decision.js";
import type { ApprovalFact } from "./gates.js";
import type { DeploySource } from "./deploy-request.js";
import { countedApprovals, deployerRefusal, manualTimeGate } from "./deploy-rules.js";
import { dryRunText } from "./dry-run.js";
import { decidePullHead } from "./pull-head.js";

/** What the comment's event says: who asked, where, and how to answer them. */
export interface CommandAt extends DecisionAt {
  readonly commentId: number;
  readonly issueNumber: number;
  readonly isPullRequest: boolean;
  readonly requester: string;
  readonly defaultBranch: string;
  /** The bot's single answer to the comment (edited in place as work goes on). */
  readonly reply: (text: string) => Action;
}

/** /rollback <env> [app] [to <tag>]: the version that ran before the current one (or the named one). */
export function* rollbackCommand(config: Config, command: RollbackCommand, at: CommandAt): Decision<void> {
  const scope = rollbackScope(config, command);
  if ("answer" in scope) return yield* answered(command, at, scope);
  const history = yield* ask("history", { env: scope.env.name, ...(scope.app === undefined ? {} : { app: scope.app }) });
  // A named tag that was never deployed here is still a fine place to go back to.
  const named = command.to === undefined ? undefined : yield* ask("commit", { ref: command.to });
  yield* commandDeploys(config, command, at, decideRollback(config, command, { history, named }));
}

/** /promote <from> <to> [app]: exactly what last succeeded on <from>. */
export function* promoteCommand(config: Config, command: PromoteCommand, at: CommandAt): Decision<void> {
  const scope = promoteScope(config, command);
  if ("answer" in scope) return yield* answered(command, at, scope);
  const history = yield* ask("history", { env: scope.from.name, ...(scope.app === undefined ? {} : { app: scope.app }) });
  yield* commandDeploys(config, command, at, decidePromote(config, command, { history }));
}

/**
 * /deploy <env> [ref|tag|version] [app]: a version's release tag first; when it names no commit,
 * the ref. With no ref on an open pull request: its head (pull-head.ts).
 */
export function* deployCommand(config: Config, command: DeployCommand, at: CommandAt): Decision<void> {
  const scope = deployScope(config, command);
  if (at.isPullRequest && command.ref === undefined && !("answer" in scope)) {
    const head = decidePullHead(scope.env, yield* ask("pull", { number: at.issueNumber }), at.issueNumber, at.defaultBranch);
    if ("answer" in head) return yield* answered(command, at, head);
    if ("sha" in head) {
      const deploy = { ...scope, sha: head.sha, withMigrations: command.withMigrations };
      return yield* commandDeploys(config, command, at, { deploy }, { source: head.source, warnings: head.warnings });
    }
  }
  const reads = deployReads(config, command, at.defaultBranch);
  const commits: Record<string, string | undefined> = {};
  if (reads?.versionTag !== undefined) commits[reads.versionTag] = yield* ask("commit", { ref: reads.versionTag });
  if (reads !== undefined && (reads.versionTag === undefined || commits[reads.versionTag] === undefined))
    commits[reads.ref] = yield* ask("commit", { ref: reads.ref });
  const decided = decideDeploy(config, command, { defaultBranch: at.defaultBranch, commits });
  // `{ref}` is the ref named, or the branch deployed when none is; a version's is its tag (decide-deploy.ts).
  const source: DeploySource | undefined = reads === undefined || "answer" in decided || decided.deploy.tag !== undefined ? undefined : { ref: reads.ref };
  yield* commandDeploys(config, command, at, decided, source === undefined ? {} : { source });
}

type DeployingCommand = DeployCommand | RollbackCommand | PromoteCommand;

/** The command as typed, for the dry run's answer and a refusal's suggestion. */
function typed(command: DeployingCommand): string {
  switch (command.name) {
    case "deploy":
      return ["/deploy", command.environment, command.ref, command.app, command.withMigrations ? "--with-migrations" : undefined].filter(Boolean).join(" ");
    case "rollback":
      return ["/rollback", command.environment, command.app, command.to === undefined ? undefined : `to ${command.to}`].filter(Boolean).join(" ");
    case "promote":
      return ["/promote", command.from, command.to, command.app].filter(Boolean).join(" ");
  }
}

/** The command's one answer; a dry run says it is what the command would answer. */
function* answered(command: DeployingCommand, at: CommandAt, decision: { readonly answer: string }): Decision<void> {
  const text = command.dryRun === true ? dryRunText(`${typed(command)} --dry-run`, decision) : decision.answer;
  yield* act(plan(`Answer /${command.name}${command.dryRun === true ? " --dry-run" : ""}.`, [at.reply(text)]));
}

/**
 * The command's answer, or the deploy it asks for with who asked, where, and which approvals: the
 * environment's deployers first, then its freezes and windows (which --force passes for an
 * override holder), then the deploy's own gates. A dry run decides all of it and only answers.
 */
function* commandDeploys(
  config: Config,
  command: DeployingCommand,
  at: CommandAt,
  decision: CommandDecision,
  from: { readonly source?: DeploySource; readonly warnings?: readonly string[] } = {},
): Decision<void> {
  const { name } = command;
  if ("answer" in decision) return yield* answered(command, at, decision);
  const request = decision.deploy;
  const refusedDeployer = yield* deployerRefusal(request.env, at.requester);
  if (refusedDeployer !== undefined) return yield* answered(command, at, { answer: `🚫 Not deploying: ${refusedDeployer}` });
  const time = yield* manualTimeGate(request.env, at.requester, at.now, command.force === true, typed(command));
  if ("refusal" in time) return yield* answered(command, at, { answer: `🚫 Not deploying: ${time.refusal}` });
  const approvals = request.env.approvals > 0 ? yield* countedApprovals(request.env, yield* approvalsFor(name, at, request)) : [];
  const warnings = [...(from.warnings ?? []), ...time.warnings];
  const deploy = {
    ...request,
    trigger: { kind: "comment", id: at.commentId },
    requester: at.requester,
    issueNumber: at.issueNumber,
    approvals,
    defaultBranch: at.defaultBranch,
    ...(from.source === undefined ? {} : { source: from.source }),
    ...(warnings.length === 0 ? {} : { warnings }),
  } as const;
  if (command.dryRun === true) {
    const chosen = yield* decidedDeploy(config, deploy, at);
    yield* act(plan(`Answer /${name} --dry-run.`, [at.reply(dryRunText(`${typed(command)} --dry-run`, chosen))]));
    return;
  }
  yield* deployDecision(config, deploy, at);
}

/**
 * 👍 on the command comment and on the same command's earlier comments (and the bot's replies)
 * refused for approvals in this issue, and approving reviews when typed on a pull request. The
 * issue's comments are listed once to find those; a comment whose rollup shows no 👍 costs nothing.
 */
function* approvalsFor(name: string, at: CommandAt, request: CommandDeploy): Decision<ApprovalFact[]> {
  const comments = yield* ask("comments", { issue: at.issueNumber });
  const where = approvalComments({
    command: name,
    commentId: at.commentId,
    env: request.env.name,
    ...(request.app === undefined ? {} : { app: request.app }),
    sha: request.sha,
    comments,
  });
  if (where.earlier.length > 0)
    yield* ask("log", { fields: { earlier: where.earlier }, message: `counting the 👍 on ${where.earlier.length} earlier /${name} refused for approvals` });
  const approvals = yield* ask("thumbsUp", { commentIds: where.read });
  if (at.isPullRequest) approvals.push(...(yield* ask("reviews", { pull: at.issueNumber })));
  return approvals;
}
