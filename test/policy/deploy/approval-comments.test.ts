// Which comments' 👍 a command typed again counts: the replies are the ones planDeploy really
// writes, so a change to the refusal's wording or key that would lose earlier 👍 fails here.
import { describe, expect, it } from "vitest";
import { approvalComments, type ApprovalCommentFacts, type IssueCommentFact } from "../../../src/policy/deploy/approval-comments.js";
import { planDeploy, type DeployFacts } from "../../../src/policy/deploy/plan-deploy.js";
import { OLD_SHA, SHA, deployFacts, environment } from "./builders.js";

const PROD = environment({ name: "prod", approvals: 2 });
const bob = { login: "bob", permission: "write", at: "2026-11-23T09:00:00.000Z" };
const carol = { ...bob, login: "carol" };

function command(id: number, body = "/promote staging prod", extra: Partial<IssueCommentFact> = {}): IssueCommentFact {
  return { id, body, authorIsBot: false, byThisApp: false, ...extra };
}

/** The bot's reply to the command in comment `asked` (a refusal unless the facts pass), as planDeploy words and keys it. */
function refused(id: number, asked: number, facts: Partial<DeployFacts> = {}, extra: Partial<IssueCommentFact> = {}): IssueCommentFact {
  const planned = planDeploy(deployFacts({ env: PROD, trigger: { kind: "comment", id: asked }, ...facts }));
  const comment = planned.actions.find((action) => action.kind === "comment");
  if (comment?.kind !== "comment") throw new Error("planDeploy wrote no reply");
  return { id, body: comment.body, authorIsBot: true, byThisApp: true, key: comment.key, ...extra };
}

const lock = { holder: "dave", reason: "freeze", expiresAt: "2026-11-23T12:00:00.000Z" };

function facts(comments: readonly IssueCommentFact[], overrides: Partial<ApprovalCommentFacts> = {}): ApprovalCommentFacts {
  return { command: "promote", commentId: 50, env: "prod", sha: SHA, comments: [...comments, command(50)], ...overrides };
}

describe("approvalComments", () => {
  it.each<[string, ApprovalCommentFacts, readonly number[], readonly number[]]>([
    ["a command typed for the first time", facts([]), [50], []],
    ["the same command refused for approvals before", facts([command(10), refused(11, 10)]), [50, 10, 11], [10]],
    [
      "the same command refused twice, with other talk between",
      facts([
        command(10),
        refused(11, 10),
        command(12, "Could someone approve?"),
        command(20, "/Promote staging prod\nplease"),
        refused(21, 20, { approvals: [bob] }),
      ]),
      [50, 10, 20, 11, 21],
      [10, 20],
    ],
    ["the same command refused because prod was locked", facts([command(10), refused(11, 10, { lock })]), [50], []],
    ["the same command that deployed", facts([command(10), refused(11, 10, { approvals: [bob, carol] })]), [50], []],
    ["a refusal of another commit (staging moved on since)", facts([command(10), refused(11, 10, { target: { sha: OLD_SHA } })]), [50], []],
    [
      "a refusal for another environment",
      facts([command(10, "/deploy staging"), refused(11, 10, { env: { ...PROD, name: "staging" } })], { command: "deploy" }),
      [50],
      [],
    ],
    ["a refusal for another app", facts([command(10), refused(11, 10, { app: "api" })], { app: "web" }), [50], []],
    ["a refusal of another command deploying the same commit", facts([command(10, "/rollback prod"), refused(11, 10)]), [50], []],
    // The parser never ran a command in indented code, so such a comment is no earlier command.
    ["an earlier comment quoting the command as indented code", facts([command(10, "    /promote staging prod"), refused(11, 10)]), [50], []],
    ["a person's copy of the bot's refusal", facts([command(10), refused(11, 10, {}, { authorIsBot: false, byThisApp: false })]), [50], []],
    ["another bot's copy of the bot's refusal", facts([command(10), refused(11, 10, {}, { byThisApp: false })]), [50], []],
    ["a refusal whose command was deleted", facts([refused(11, 10)]), [50], []],
    ["a command a bot typed", facts([command(10, "/promote staging prod", { authorIsBot: true }), refused(11, 10)]), [50], []],
    ["a refusal of a later command", facts([command(60), refused(61, 60)]), [50], []],
    ["the refusal of this very command, seen again on a redelivery", facts([refused(51, 50)]), [50, 51], []],
    [
      "comments the rollup shows nobody 👍",
      facts([command(10, "/promote staging prod", { thumbsUp: 0 }), refused(11, 10, {}, { thumbsUp: 2 })]),
      [50, 11],
      [10],
    ],
    ["the command itself with no 👍 in the rollup", { ...facts([]), comments: [command(50, "/promote staging prod", { thumbsUp: 0 })] }, [], []],
  ])("%s", (_name, given, read, earlier) => {
    expect(approvalComments(given)).toEqual({ read, earlier });
  });

  it("matches the reply of a deploy of one app in a repository with several", () => {
    const given = facts([command(10, "/promote staging prod api"), refused(11, 10, { app: "api" })], { app: "api" });
    expect(approvalComments(given)).toEqual({ read: [50, 10, 11], earlier: [10] });
  });

  it("does not take an environment whose name only starts the same for this one", () => {
    const eu = environment({ name: "prod-eu", approvals: 2 });
    const given = facts([command(10, "/promote staging prod-eu"), refused(11, 10, { env: eu })]);
    expect(approvalComments(given)).toEqual({ read: [50], earlier: [] });
  });
});
