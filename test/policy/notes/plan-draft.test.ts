import { describe, expect, it } from "vitest";
import { planDraftNotes } from "../../../src/policy/notes/index.js";
import type { Action } from "../../../src/policy/plan.js";
import { API, FRONTEND, facts, OPENVERSE_NOTES, pr, release } from "./builders.js";

const API_FIX = pr(10, { title: "Fix the search", labels: ["🧱 stack: api", "🛠 goal: fix"], mergedAt: "2024-02-10T00:00:00Z" });
const FRONTEND_FEATURE = pr(11, { title: "Add a filter", labels: ["🧱 stack: frontend", "🌟 goal: addition"], mergedAt: "2024-02-11T00:00:00Z" });
const PUBLISHED = release(1, "api-2024.02.01.00.00.00", { publishedAt: "2024-02-01T00:00:00Z" });

function only(actions: readonly Action[]): Action {
  expect(actions).toHaveLength(1);
  return actions[0]!;
}

describe("drafting release notes on a push to the default branch", () => {
  it("creates a draft named by the app's tag template with the app's PRs", () => {
    const result = planDraftNotes(facts({ pulls: [API_FIX, FRONTEND_FEATURE], releases: [PUBLISHED] }));
    expect(only(result.actions)).toMatchObject({
      kind: "create-release",
      tag: "api-2024.03.02.12.34.56",
      name: "api-2024.03.02.12.34.56",
      draft: true,
      prerelease: false,
      body: "## Bug Fixes\n\n- Fix the search ([#10](https://github.com/WordPress/openverse/pull/10)) by\n  @obulat\n",
    });
  });

  it("drafts one release per affected app", () => {
    const result = planDraftNotes(facts({ pulls: [API_FIX, FRONTEND_FEATURE], changedFiles: ["api/a.py", "frontend/b.vue"] }));
    expect(result.actions.map((a) => (a.kind === "create-release" ? a.tag : a.kind))).toEqual(["api-2024.03.02.12.34.56", "frontend-2024.03.02.12.34.56"]);
  });

  it("updates the app's existing draft instead of creating a second one", () => {
    const draft = release(7, "api-2024.02.20.00.00.00", { draft: true, body: "## Bug Fixes\n\n- old\n" });
    const result = planDraftNotes(facts({ pulls: [API_FIX], releases: [PUBLISHED, draft] }));
    expect(only(result.actions)).toMatchObject({ kind: "update-release", releaseId: 7, tag: "api-2024.03.02.12.34.56" });
  });

  it("changes nothing when the draft already has these notes, even though the time moved on", () => {
    const body = "## Bug Fixes\n\n- Fix the search ([#10](https://github.com/WordPress/openverse/pull/10)) by\n  @obulat\n";
    const draft = release(7, "api-2024.02.20.00.00.00", { draft: true, body: body.replace(/\n/g, "\r\n") });
    const result = planDraftNotes(facts({ pulls: [API_FIX], releases: [PUBLISHED, draft] }));
    expect(result).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("never updates a published release, even one whose tag fits", () => {
    const result = planDraftNotes(facts({ pulls: [API_FIX], releases: [release(1, "api-2024.03.02.12.34.56", { publishedAt: "2024-01-01T00:00:00Z" })] }));
    expect(only(result.actions).kind).toBe("create-release");
  });

  it("creates no draft for an app with no PRs since its last release", () => {
    const result = planDraftNotes(facts({ pulls: [FRONTEND_FEATURE], releases: [PUBLISHED] }));
    expect(result).toMatchObject({ reason: "already-done", actions: [] });
  });

  it("leaves out PRs merged before the app's previous release", () => {
    const old = pr(9, { labels: ["🧱 stack: api", "🌟 goal: addition"], mergedAt: "2024-01-20T00:00:00Z" });
    const action = only(planDraftNotes(facts({ pulls: [API_FIX, old], releases: [PUBLISHED] })).actions);
    expect(action.kind === "create-release" && action.body).not.toContain("#9");
  });

  it("says in the draft that the bound was hit when reading stopped short of the previous release", () => {
    const action = only(
      planDraftNotes(facts({ pulls: [API_FIX], releases: [PUBLISHED], truncated: true, notes: { ...OPENVERSE_NOTES, maxPullRequests: 1 } })).actions,
    );
    expect(action.kind === "create-release" && action.body).toContain("Showing the first 1 pull requests");
  });

  it("counts on from the previous semver release by one patch", () => {
    const v = { name: "web", tag: "v{version}", paths: [], labels: [] };
    const result = planDraftNotes(
      facts({
        apps: [v],
        versioning: { scheme: "semver", calver: null },
        pulls: [API_FIX],
        releases: [release(1, "v1.4.2", { publishedAt: "2024-02-01T00:00:00Z" })],
      }),
    );
    expect(only(result.actions)).toMatchObject({ kind: "create-release", tag: "v1.4.3", name: "v1.4.3" });
  });

  it("counts on from the previous calver release of the same month with a YY.MM.N counter", () => {
    const v = { name: "web", tag: "v{version}", paths: [], labels: [] };
    const previous = release(1, "v24.03.4", { publishedAt: "2024-02-01T00:00:00Z" });
    const result = planDraftNotes(facts({ apps: [v], versioning: { scheme: "calver", calver: "YY.MM.N" }, pulls: [API_FIX], releases: [previous] }));
    expect(only(result.actions)).toMatchObject({ kind: "create-release", tag: "v24.03.5" });
  });

  it("starts a pep440 repository without releases at 0.1.0", () => {
    const v = { name: "web", tag: "v{version}", paths: [], labels: [] };
    const result = planDraftNotes(facts({ apps: [v], versioning: { scheme: "pep440", calver: null }, pulls: [API_FIX] }));
    expect(only(result.actions)).toMatchObject({ tag: "v0.1.0" });
  });

  it.each([
    { case: "notes are off", fields: { notes: null }, reason: "not-configured" },
    { case: "notes.draft is false", fields: { notes: { ...OPENVERSE_NOTES, draft: false } }, reason: "not-configured" },
    { case: "the push is to another branch", fields: { branch: "staging" }, reason: "event-not-relevant" },
    { case: "the push touched no app", fields: { changedFiles: ["README.md"] }, reason: "event-not-relevant" },
  ])("does nothing when $case", ({ fields, reason }) => {
    expect(planDraftNotes(facts({ pulls: [API_FIX], ...fields }))).toMatchObject({ reason, actions: [] });
  });

  it("keeps the newest of two drafts of an app up to date and leaves the other alone", () => {
    const older = release(5, "api-2024.02.15.00.00.00", { draft: true, body: "x" });
    const newer = release(6, "api-2024.02.16.00.00.00", { draft: true, body: "y" });
    expect(only(planDraftNotes(facts({ pulls: [API_FIX], releases: [older, newer] })).actions)).toMatchObject({ releaseId: 6 });
  });

  it("finds the frontend's draft by the frontend's tag only", () => {
    const apiDraft = release(5, "api-2024.02.15.00.00.00", { draft: true, body: "x" });
    const result = planDraftNotes(facts({ apps: [API, FRONTEND], changedFiles: ["frontend/a.vue"], pulls: [FRONTEND_FEATURE], releases: [apiDraft] }));
    expect(only(result.actions)).toMatchObject({ kind: "create-release", tag: "frontend-2024.03.02.12.34.56" });
  });
});
