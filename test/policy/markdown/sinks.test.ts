// Every body that carries someone else's text shows it inert: a PR title, a commit message, a
// branch or tag name, a lock reason never pings, opens HTML, hides a marker or leaves a code span.
import { describe, expect, it } from "vitest";
import { planCloseChecklist } from "../../../src/policy/checklist/close.js";
import { reportAutomaticRefusal } from "../../../src/policy/deploy/automatic-refusal.js";
import { forwardPortBody } from "../../../src/policy/forward-port.js";
import { renderStatus, type StatusFacts } from "../../../src/policy/status/index.js";

const HOSTILE = "@org/team <!-- release-pilot:key=reply:1 --> <img src=x>";
const repo = { owner: "acme", repo: "web" };

/** The text is shown, but no `@` starts a mention and no `<` opens a tag or a marker. */
function expectInert(body: string) {
  expect(body).not.toContain("@org/team");
  expect(body).not.toContain("<!-- release-pilot:key=reply:1");
  expect(body).not.toContain("<img");
  expect(body).toContain("org/team");
}

describe("untrusted text in bodies", () => {
  it("a forward-port pull request lists commit messages and names branches inert", () => {
    const body = forwardPortBody({
      branch: "release/v2.6",
      defaultBranch: "main`x",
      aheadBy: 1,
      ahead: [{ sha: "0123456789", message: `${HOSTILE}\nsecond line` }],
    });
    expectInert(body);
    // A backtick in a branch name stays inside its code span.
    expect(body).toContain("``main`x``");
  });

  it("a lock reason in /status", () => {
    const facts: StatusFacts = {
      repo: "acme/web",
      now: "2024-01-03T12:00:00.000Z",
      multiApp: false,
      environments: [
        {
          name: "production",
          url: null,
          apps: [{ app: "web", deployed: { ref: "v1`2", sha: "a".repeat(40), at: "2024-01-03T10:00:00Z", by: "bob" } }],
          lock: { holder: "alice", reason: HOSTILE, expiresAt: "2024-01-03T14:00:00.000Z" },
        },
      ],
      apps: [],
      checklists: [],
    };
    const body = renderStatus(facts);
    expectInert(body);
    expect(body).toContain("``v1`2``");
  });

  it("a release name and tag in the comment closing a checklist", () => {
    const plan = planCloseChecklist({ repo, issue: { number: 4, state: "open" }, release: { tag: "v1`2", url: "https://example.org/r", name: HOSTILE } });
    const comment = plan.actions.find((action) => action.kind === "comment");
    expect(comment?.kind === "comment" && comment.body).toBeTruthy();
    if (comment?.kind !== "comment") return;
    expectInert(comment.body);
    expect(comment.body).toContain("(tag ``v1`2``)");
  });

  it("a branch name and a refusal in an automatic deploy's check run", () => {
    const plan = reportAutomaticRefusal(
      { repo, sha: "a".repeat(40), env: "staging", cause: `The push to ${HOSTILE}` },
      { error: `locked by bob (${HOSTILE})` },
    );
    const check = plan.actions[0];
    if (check?.kind !== "check-run") throw new Error("expected a check run");
    expectInert(check.summary);
  });
});
