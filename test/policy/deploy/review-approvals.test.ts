// An approving review binds to the commit it reviewed (issue #12, item 2): it counts for a deploy
// of that commit while it is the pull request's head, and not for any other commit; a review
// dismissed or superseded by the same person's later review does not count at all.
import { describe, expect, it } from "vitest";
import { evaluateGates, type ApprovalFact } from "../../../src/policy/deploy/gates.js";
import { standingApprovals, type ReviewFact } from "../../../src/policy/deploy/review-approvals.js";
import { OLD_SHA, SHA, environment, gateFacts } from "./builders.js";

const OTHER = "2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b2b";
const at = "2026-11-23T09:00:00.000Z";
const reviewOf = (commit: string, head: string): ApprovalFact => ({ login: "bob", permission: "write", at, review: { commit, head } });

describe("an approving review in the approvals gate", () => {
  it.each([
    ["a deploy of the head it approved", reviewOf(SHA, SHA), "proceed"],
    ["a deploy of another commit than the one it approved", reviewOf(OLD_SHA, OLD_SHA), "refuse"],
    ["a deploy of the commit it approved, now that the pull request moved on", reviewOf(SHA, OTHER), "refuse"],
    ["a deploy of the head, when it approved an older commit", reviewOf(OLD_SHA, SHA), "refuse"],
  ])("counts for %s: %s", (_name, approval, kind) => {
    const decision = evaluateGates(gateFacts({ env: environment({ approvals: 1 }), approvals: [approval], target: { sha: SHA }, issueNumber: 7 }));
    expect(decision.kind).toBe(kind);
    if (kind === "refuse" && decision.kind === "refuse") {
      expect(decision.logs).toContainEqual(expect.stringContaining("bob's approving review is of"));
      const { commit, head } = approval.review!;
      const stale = commit === head ? "" : `, no longer the head (${head.slice(0, 7)})`;
      expect(decision.message).toContain(
        `Approving reviews count only for a deploy of the commit they approved while it is the pull request's head, and this one is of 1c1f6ab: bob's is of ${commit.slice(0, 7)}${stale}.`,
      );
    }
  });

  it("still counts a 👍, which approves the command it was given to", () => {
    const decision = evaluateGates(gateFacts({ env: environment({ approvals: 1 }), approvals: [{ login: "bob", permission: "write", at }] }));
    expect(decision.kind).toBe("proceed");
  });
});

describe("standingApprovals", () => {
  const review = (id: number, login: string, state: string, minute: number, commitId: string | null = SHA): ReviewFact => ({
    id,
    login,
    state,
    commitId,
    submittedAt: `2026-11-23T09:${String(minute).padStart(2, "0")}:00.000Z`,
  });

  it.each([
    ["an approval", [review(1, "bob", "APPROVED", 1)], ["bob"]],
    ["an approval later dismissed", [review(1, "bob", "DISMISSED", 1)], []],
    ["an approval superseded by a change request", [review(1, "bob", "APPROVED", 1), review(2, "bob", "CHANGES_REQUESTED", 2)], []],
    ["a change request superseded by an approval", [review(1, "bob", "CHANGES_REQUESTED", 1), review(2, "bob", "APPROVED", 2)], ["bob"]],
    ["an approval followed by a comment only", [review(1, "bob", "APPROVED", 1), review(2, "bob", "COMMENTED", 2)], ["bob"]],
    ["the later review listed first", [review(2, "Bob", "CHANGES_REQUESTED", 2), review(1, "bob", "APPROVED", 1)], []],
    ["a draft nobody submitted", [{ id: 1, login: "bob", state: "PENDING", commitId: SHA }], []],
    ["an approval of a commit GitHub no longer has", [review(1, "bob", "APPROVED", 1, null)], []],
  ])("%s stands as %j", (_name, reviews, logins) => {
    expect(standingApprovals(reviews).map((r) => r.login)).toEqual(logins);
  });
});
