// Which comments' 👍 approve a deploy asked for in a comment. GitHub sends no webhook for a
// reaction, so 👍 are read only when a command is handled; when the bot refuses for approvals,
// the 👍 people then give land on the refused command (or on the refusal itself) and are read when
// the command is typed again. So the command counts the 👍 on its own comment and on every earlier
// comment of the same command for the same deploy (environment, app, commit) in the same issue
// that the bot refused for approvals, with the bot's refusal reply to each. Who may approve, and
// since when, is the approvals gate's to decide; this only says where to look.

import { commandLine } from "../commands/parse.js";
import { commentDeployKeyPrefix } from "./deploy-key.js";

/** One comment of the issue or pull request, as listed. */
export interface IssueCommentFact {
  readonly id: number;
  readonly body: string;
  /** Written by any bot user (no command a bot types is approved). */
  readonly authorIsBot: boolean;
  /** Written by this app: only its own replies say what it refused. */
  readonly byThisApp: boolean;
  /** The key the bot marked its own comment with, if any. */
  readonly key?: string;
  /** The 👍 count of the comment's reaction rollup; absent when GitHub gave none. */
  readonly thumbsUp?: number;
}

export interface ApprovalCommentFacts {
  /** The command typed now: `deploy`, `promote` or `rollback`. */
  readonly command: string;
  /** The comment it was typed in. */
  readonly commentId: number;
  readonly env: string;
  readonly app?: string;
  readonly sha: string;
  /** The comments of the issue, in any order. */
  readonly comments: readonly IssueCommentFact[];
}

export interface ApprovalComments {
  /** The comments whose 👍 to read, the command's own first; those known to have none are left out. */
  readonly read: readonly number[];
  /** Earlier comments of the same command refused for approvals, whose 👍 now count. */
  readonly earlier: readonly number[];
}

/** The start of the approvals gate's refusal: how an earlier refusal for approvals is told apart. */
export function approvalsShortfall(env: string, approvals: number): string {
  return `${env} needs ${approvals} ${approvals === 1 ? "approval" : "approvals"} from people with write access`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function refusedForApprovals(body: string, env: string): boolean {
  return new RegExp(`Not deploying: ${escapeRegExp(env)} needs \\d+ approvals? from people with write access`).test(body);
}

/** The command word of a comment's first non-blank line, as the command parser reads it. */
function commandWord(body: string): string | undefined {
  return /^\/([A-Za-z][A-Za-z0-9_-]*)(\s|$)/.exec(commandLine(body) ?? "")?.[1]?.toLowerCase();
}

/** The command comment a bot reply refused for approvals answers, if it is one. */
function refusedCommentId(reply: IssueCommentFact, replyPrefix: string, env: string): number | undefined {
  // Only this app's own keyed replies say what it refused: a person or another bot can paste the
  // text and the marker, not be this app.
  if (!reply.byThisApp || reply.key === undefined || !reply.key.startsWith(replyPrefix)) return undefined;
  const asked = Number(reply.key.slice(replyPrefix.length));
  return Number.isSafeInteger(asked) && asked > 0 && refusedForApprovals(reply.body, env) ? asked : undefined;
}

export function approvalComments(facts: ApprovalCommentFacts): ApprovalComments {
  const byId = new Map(facts.comments.map((comment) => [comment.id, comment]));
  // The reply key the deploy of each command comment was answered under (see planDeploy).
  const replyPrefix = `deploy-reply:${commentDeployKeyPrefix({ env: facts.env, ...(facts.app === undefined ? {} : { app: facts.app }), sha: facts.sha })}`;
  const earlier: number[] = [];
  const replies: number[] = [];
  for (const reply of facts.comments) {
    const asked = refusedCommentId(reply, replyPrefix, facts.env);
    if (asked === undefined || asked > facts.commentId) continue;
    if (asked !== facts.commentId) {
      const command = byId.get(asked);
      // The 👍 on a command count for the same command only: a /deploy approved is not a /rollback.
      if (command === undefined || command.authorIsBot || commandWord(command.body) !== facts.command) continue;
      earlier.push(asked);
    }
    replies.push(reply.id);
  }
  earlier.sort((a, b) => a - b);
  const candidates = [facts.commentId, ...earlier, ...replies.sort((a, b) => a - b)];
  // The rollup saves a call per comment nobody reacted to; without one, the reactions are read.
  const read = candidates.filter((id, index) => candidates.indexOf(id) === index && byId.get(id)?.thumbsUp !== 0);
  return { read, earlier };
}
