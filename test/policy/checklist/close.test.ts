import { describe, expect, it } from "vitest";
import { planCloseChecklist } from "../../../src/policy/checklist/close.js";
import { repo } from "./builders.js";

const release = { tag: "v2.6.0", url: "https://github.com/emfollow/gwcelery/releases/tag/v2.6.0", name: "2.6.0 [Cactus cat]" };

describe("planCloseChecklist", () => {
  it("comments with a link to the release, then closes the issue", () => {
    expect(planCloseChecklist({ repo, issue: { number: 12, state: "open" }, release })).toEqual({
      reason: "planned",
      summary: "Comment on checklist #12 that v2.6.0 is released and close it.",
      actions: [
        {
          kind: "comment",
          key: "checklist-closed:12",
          repo,
          issueNumber: 12,
          body: "Released [2.6.0 \\[Cactus cat\\]](https://github.com/emfollow/gwcelery/releases/tag/v2.6.0) (tag `v2.6.0`). Closing this checklist.",
        },
        { kind: "update-issue", key: "checklist-close:12", repo, number: 12, state: "closed" },
      ],
    });
  });

  it("names the release by its tag when it has no name", () => {
    const [comment] = planCloseChecklist({ repo, issue: { number: 3, state: "open" }, release: { ...release, name: " " } }).actions;
    expect(comment?.kind === "comment" && comment.body).toMatch(/^Released \[v2\.6\.0\]\(/);
  });

  it("does nothing when the issue is already closed", () => {
    expect(planCloseChecklist({ repo, issue: { number: 12, state: "closed" }, release })).toEqual({
      reason: "already-done",
      summary: "Checklist #12 is already closed.",
      actions: [],
    });
  });
});
