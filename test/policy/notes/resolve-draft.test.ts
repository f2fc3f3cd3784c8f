// The draft announces the version the merged PRs resolve to, and says why (issue #15 item 10).
import { describe, expect, it } from "vitest";
import { planDraftNotes } from "../../../src/policy/notes/index.js";
import type { Action } from "../../../src/policy/plan.js";
import { facts, pr, release } from "./builders.js";

const web = { name: "web", tag: "v{version}", paths: [], labels: [] };
const previous = release(1, "v1.4.2", { publishedAt: "2024-02-01T00:00:00Z" });
const labels = { major: ["major"], minor: ["enhancement"], patch: ["bug"] };

function created(actions: readonly Action[]): { tag: string; body: string } {
  const [action] = actions;
  if (action?.kind !== "create-release") throw new Error(`expected one create-release, got ${JSON.stringify(actions)}`);
  return { tag: action.tag, body: action.body };
}

/** The notes wrap at 72 columns; the sentence is read as one line. */
const oneLine = (text: string) => text.replace(/\s+/g, " ");

describe("draft notes under versioning.resolve", () => {
  it("announces the minor a labelled PR asks for, and says which PR", () => {
    const plan = planDraftNotes(
      facts({
        apps: [web],
        versioning: { scheme: "semver", calver: null, resolve: { from: "labels", labels } },
        pulls: [pr(10, { labels: ["bug"] }), pr(11, { labels: ["enhancement"] })],
        releases: [previous],
      }),
    );
    const draft = created(plan.actions);
    expect(draft.tag).toBe("v1.5.0");
    expect(oneLine(draft.body)).toContain("Version 1.5.0, resolved minor: #11 (label enhancement) among 2 pull requests merged since v1.4.2.");
  });

  it("announces a major for a breaking Conventional Commit title", () => {
    const plan = planDraftNotes(
      facts({
        apps: [web],
        versioning: { scheme: "pep440", calver: null, resolve: { from: "conventional-commits" } },
        pulls: [pr(10, { title: "fix: a" }), pr(12, { title: "feat(api)!: new wire format" })],
        releases: [previous],
      }),
    );
    expect(created(plan.actions).tag).toBe("v2.0.0");
  });

  it("weighs only PRs merged after the previous release", () => {
    const plan = planDraftNotes(
      facts({
        apps: [web],
        versioning: { scheme: "semver", calver: null, resolve: { from: "conventional-commits" } },
        pulls: [pr(10, { title: "fix: a" }), pr(9, { title: "feat!: old", mergedAt: "2024-01-15T00:00:00Z" })],
        releases: [previous],
      }),
    );
    const draft = created(plan.actions);
    expect(draft.tag).toBe("v1.4.3");
    expect(oneLine(draft.body)).toContain("resolved patch: #10 (fix:) among 1 pull request merged since v1.4.2.");
  });

  it("says nothing of resolving without versioning.resolve", () => {
    const plan = planDraftNotes(
      facts({ apps: [web], versioning: { scheme: "semver", calver: null }, pulls: [pr(11, { labels: ["enhancement"] })], releases: [previous] }),
    );
    const draft = created(plan.actions);
    expect(draft.tag).toBe("v1.4.3");
    expect(draft.body).not.toContain("resolved");
  });
});
