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
  promoteScope,
  rollbackScope,
  type CommandDecision,
  type CommandDeploy,
} from "./command-target.js";
import { deployDecision, type DecisionAt } from "./deploy-decision.js";
import type { ApprovalFact } from "./gates.js";

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
  if ("answer" in scope) return yield* answered(command.name, at, scope);
  const history = yield* ask("history", { env: scope.env.name, ...(scope.app === undefined ? {} : { app: scope.app }) });
  // A named tag that was never deployed here is still a fine place to go back to.
  const named = command.to === undefined ? undefined : yield* ask("commit", { ref: command.to });
  yield* commandDeploys(config, command.name, at, decideRollback(config, command, { history, named }));
}

/** /promote <from> <to> [app]: exactly what last succeeded on <from>. */
export function* promoteCommand(config: Config, command: PromoteCommand, at: CommandAt): Decision<void> {
  const scope = promoteScope(config, command);
  if ("answer" in scope) return yield* answered(command.name, at, scope);
  const history = yield* ask("history", { env: scope.from.name, ...(scope.app === undefined ? {} : { app: scope.app }) });
  yield* commandDeploys(config, command.name, at, decidePromote(config, command, { history }));
}

/** /deploy <env> [ref|tag|version] [app]: a version's release tag first; when it names no commit, the ref. */
export function* deployCommand(config: Config, command: DeployCommand, at: CommandAt): Decision<void> {
  const reads = deployReads(config, command, at.defaultBranch);
  const commits: Record<string, string | undefined> = {};
  if (reads?.versionTag !== undefined) commits[reads.versionTag] = yield* ask("commit", { ref: reads.versionTag });
  if (reads !== undefined && (reads.versionTag === undefined || commits[reads.versionTag] === undefined))
    commits[reads.ref] = yield* ask("commit", { ref: reads.ref });
  yield* commandDeploys(config, command.name, at, decideDeploy(config, command, { defaultBranch: at.defaultBranch, commits }));
}

function* answered(name: string, at: CommandAt, decision: { readonly answer: string }): Decision<void> {
  yield* act(plan(`Answer /${name}.`, [at.reply(decision.answer)]));
}

/** The command's answer, or the deploy it asks for with who asked, where, and which approvals. */
function* commandDeploys(config: Config, name: string, at: CommandAt, decision: CommandDecision): Decision<void> {
  if ("answer" in decision) return yield* answered(name, at, decision);
  const request = decision.deploy;
  const approvals = request.env.approvals > 0 ? yield* approvalsFor(name, at, request) : [];
  yield* deployDecision(
    config,
    {
      ...request,
      trigger: { kind: "comment", id: at.commentId },
      requester: at.requester,
      issueNumber: at.issueNumber,
      approvals,
      defaultBranch: at.defaultBranch,
    },
    at,
  );
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
