import { describe, expect, it } from "vitest";
import { forwardPortBody, isReleaseBranch, planForwardPort, pushedReleaseBranch, type ForwardPortFacts } from "../../src/policy/forward-port.js";
import { nothing } from "../../src/policy/plan.js";

function facts(fields: Partial<ForwardPortFacts> = {}): ForwardPortFacts {
  return {
    repo: { owner: "lscsoft", repo: "gwcelery" },
    branch: "release/v2.6",
    defaultBranch: "main",
    releaseBranchTemplate: "release/v{version}",
    ahead: [{ sha: "a1b2c3d4e5f6", message: "Fix the alert timeout\n\nLonger text" }],
    aheadBy: 1,
    openPull: null,
    ...fields,
  };
}

describe("which branches are release branches", () => {
  it.each([
    { branch: "release", template: null, expected: true },
    { branch: "release/v2.6", template: "release/v{version}", expected: true },
    { branch: "release/v2.6", template: null, expected: false },
    { branch: "feature/x", template: "release/v{version}", expected: false },
    { branch: "main", template: "release/v{version}", expected: false },
  ])("$branch with template $template is a release branch: $expected", ({ branch, template, expected }) => {
    expect(isReleaseBranch(branch, template)).toBe(expected);
  });
});

describe("forward-porting a release branch", () => {
  it("opens one PR from the branch into the default branch when it is ahead", () => {
    const result = planForwardPort(facts());
    expect(result.actions).toEqual([
      expect.objectContaining({
        kind: "open-pull-request",
        branch: "release/v2.6",
        base: "main",
        title: "Forward-port fixes from release/v2.6",
        files: [],
        openOnly: true,
      }),
    ]);
  });

  it("lists the commits to bring forward in the body", () => {
    expect(forwardPortBody(facts())).toContain("- a1b2c3d Fix the alert timeout\n");
  });

  it("does nothing when the default branch already has every commit", () => {
    expect(planForwardPort(facts({ ahead: [], aheadBy: 0 }))).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("refreshes the open PR's body when more fixes landed", () => {
    const result = planForwardPort(facts({ openPull: { number: 12, body: "older body" } }));
    expect(result.actions).toEqual([expect.objectContaining({ kind: "update-issue", number: 12, body: forwardPortBody(facts()) })]);
  });

  it("does nothing when the open PR already lists these commits", () => {
    const result = planForwardPort(facts({ openPull: { number: 12, body: forwardPortBody(facts()) } }));
    expect(result).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("ignores a push to a branch that is not a release branch", () => {
    expect(planForwardPort(facts({ branch: "feature/x" }))).toMatchObject({ reason: "event-not-relevant", actions: [] });
  });

  it("says how many commits it did not list", () => {
    const ahead = Array.from({ length: 60 }, (_, i) => ({ sha: `${i}`.padStart(12, "0"), message: `Fix ${i}` }));
    expect(forwardPortBody(facts({ ahead, aheadBy: 300 }))).toContain("- … and 250 more");
  });
});

describe("which pushes are to a release branch", () => {
  it("takes a push to release/v2.6", () => {
    expect(pushedReleaseBranch({ ref: "refs/heads/release/v2.6", deleted: false }, "main", "release/v{version}")).toEqual({
      kind: "release-branch",
      branch: "release/v2.6",
    });
  });

  it.each([
    { ref: "refs/heads/main", deleted: false },
    { ref: "refs/heads/feature", deleted: false },
    { ref: "refs/heads/release/v2.6", deleted: true },
    { ref: "refs/tags/release", deleted: false },
  ])("says $ref (deleted $deleted) is not one", (push) => {
    expect(pushedReleaseBranch(push, "main", "release/v{version}")).toEqual({
      kind: "none",
      plan: nothing("event-not-relevant", `${push.ref} is not a release branch; nothing to forward-port.`),
    });
  });
});
