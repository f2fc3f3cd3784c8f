// When a push drafts notes and where its changed files come from (moved out of the draft-notes
// handler with #13), and the facts a facts file's shorter pull requests become.
import { describe, expect, it } from "vitest";
import { draftNotesFacts, notesNotDrafted, pullsToRead, pushedFilesSource } from "../../../src/policy/notes/draft-facts.js";
import { nothing } from "../../../src/policy/plan.js";
import { config } from "../release/cut-builders.js";

const openverse = config(
  "versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }\napps:\n  api: { paths: ['api/**'], tag: 'api-{version}' }\n  frontend: { paths: ['frontend/**'], tag: 'frontend-{version}' }\nnotes: { max_pull_requests: 50 }\n",
  "WordPress/openverse",
);
const single = config("notes: { draft: false }\n", "acme/one");
const commit = (id: string, modified: string[] = []) => ({ id, added: [], removed: [], modified });
const push = {
  ref: "refs/heads/main",
  before: "a".repeat(40),
  after: "b".repeat(40),
  forced: false,
  deleted: false,
  commits: [commit("c1", ["api/views.py"])],
};

describe("which pushes draft notes", () => {
  it("drafts from a push to the default branch", () => {
    expect(notesNotDrafted(openverse, push, "main")).toBeUndefined();
  });

  it("says why it drafts nothing: notes off, another branch, a deleted branch", () => {
    expect(notesNotDrafted(single, push, "main")).toEqual(nothing("not-configured", "Draft release notes are off (notes.draft)."));
    const not = nothing("event-not-relevant", "Release notes are drafted from pushes to main.");
    expect(notesNotDrafted(openverse, { ...push, ref: "refs/heads/feature" }, "main")).toEqual(not);
    expect(notesNotDrafted(openverse, { ...push, deleted: true }, "main")).toEqual(not);
  });

  it("reads at most max_pull_requests", () => {
    expect(pullsToRead(openverse)).toBe(50);
  });
});

describe("where a push's changed files come from", () => {
  it("needs none for a single app", () => {
    expect(pushedFilesSource(single, push)).toEqual({ kind: "known", files: [] });
  });

  it("takes them from the payload, or from compare when GitHub cut the commit list short", () => {
    expect(pushedFilesSource(openverse, push)).toEqual({ kind: "known", files: ["api/views.py"] });
    const cut = { ...push, commits: Array.from({ length: 20 }, (_, i) => commit(`c${i}`)) };
    expect(pushedFilesSource(openverse, cut)).toEqual({ kind: "compare", before: push.before, after: push.after });
  });

  it("cannot tell for a cut list of a new branch or a forced push", () => {
    const cut = { ...push, commits: Array.from({ length: 20 }, (_, i) => commit(`c${i}`)) };
    expect(pushedFilesSource(openverse, { ...cut, forced: true })).toEqual({ kind: "unknown" });
    expect(pushedFilesSource(openverse, { ...cut, before: "0".repeat(40) })).toEqual({ kind: "unknown" });
  });
});

describe("the draft's facts", () => {
  it("gives a pull request without its address the repository's, and without its update time its merge time", () => {
    const facts = draftNotesFacts({
      repo: { owner: "WordPress", repo: "openverse" },
      repository: { html_url: "https://github.com/WordPress/openverse" },
      config: openverse,
      push,
      defaultBranch: "main",
      now: "2024-10-21T12:00:00Z",
      changedFiles: ["api/views.py"],
      releases: [],
      pulls: [{ number: 7, title: "Add a view", author: "zack", labels: [], mergedAt: "2024-10-20T10:00:00Z", mergeCommitSha: null }],
      truncated: false,
    });
    expect(facts.pulls).toEqual([expect.objectContaining({ url: "https://github.com/WordPress/openverse/pull/7", updatedAt: "2024-10-20T10:00:00Z" })]);
    expect(facts).toMatchObject({ branch: "main", pushedCommits: ["c1"], now: "2024-10-21T12:00:00Z" });
  });
});
