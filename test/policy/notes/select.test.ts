import { describe, expect, it } from "vitest";
import { affectedApps, previousRelease, pullsForApp, readBackTo, shouldReadMore } from "../../../src/policy/notes/index.js";
import { API, FRONTEND, INGESTION, pr, release } from "./builders.js";

const APPS = [API, FRONTEND, INGESTION];

describe("which apps a push affects", () => {
  it.each([
    { case: "paths of one app", files: ["api/views.py"], prs: [], expected: ["api"] },
    { case: "paths of two apps", files: ["api/a.py", "frontend/b.vue"], prs: [], expected: ["api", "frontend"] },
    { case: "no app's paths", files: ["README.md"], prs: [], expected: [] },
    {
      case: "a merged PR labelled for an app",
      files: ["README.md"],
      prs: [pr(1, { labels: ["🧱 stack: ingestion server"], mergeCommitSha: "pushed" })],
      expected: ["ingestion_server"],
    },
    {
      case: "a labelled PR merged by an earlier push",
      files: ["README.md"],
      prs: [pr(1, { labels: ["🧱 stack: ingestion server"], mergeCommitSha: "older" })],
      expected: [],
    },
    { case: "unknown files", files: "unknown" as const, prs: [], expected: ["api", "frontend", "ingestion_server"] },
  ])("selects the apps by $case", ({ files, prs, expected }) => {
    expect(affectedApps(APPS, files, ["pushed"], prs).map((a) => a.name)).toEqual(expected);
  });

  it("always selects the only app of a single-app repository", () => {
    expect(affectedApps([API], ["README.md"], [], []).map((a) => a.name)).toEqual(["api"]);
  });
});

describe("which release came before", () => {
  const releases = [
    release(1, "api-2024.01.01.19.52.14", { publishedAt: "2024-01-01T19:52:14Z" }),
    release(2, "api-2024.02.01.10.00.00", { publishedAt: "2024-02-01T10:00:00Z" }),
    release(3, "frontend-2024.03.01.10.00.00", { publishedAt: "2024-03-01T10:00:00Z" }),
    release(4, "api-2024.03.05.10.00.00", { draft: true }),
    release(5, "api-2024.03.04.10.00.00", { prerelease: true, publishedAt: "2024-03-04T10:00:00Z" }),
  ];

  it.each([
    { app: API, expected: "api-2024.02.01.10.00.00" },
    { app: FRONTEND, expected: "frontend-2024.03.01.10.00.00" },
    { app: INGESTION, expected: undefined },
  ])("the previous release of $app.name is $expected", ({ app, expected }) => {
    expect(previousRelease(app, releases)?.tag).toBe(expected);
  });

  it("is the newest published release by date, not the list's order or GitHub's latest", () => {
    const shuffled = [
      release(9, "api-2024.05.01.00.00.00", { publishedAt: "2024-05-01T00:00:00Z" }),
      release(8, "api-2024.06.01.00.00.00", { publishedAt: "2024-06-01T00:00:00Z" }),
    ];
    expect(previousRelease(API, shuffled)?.id).toBe(8);
  });

  it("reads back to the oldest previous release of all apps", () => {
    expect(readBackTo([API, FRONTEND], releases)).toBe("2024-02-01T10:00:00Z");
  });

  it("reads back without limit when an app was never released", () => {
    expect(readBackTo(APPS, releases)).toBeNull();
  });
});

describe("which PRs belong to an app's next release", () => {
  it.each([
    { case: "labelled for the app, merged after the release", pull: pr(1, { labels: ["🧱 stack: api"], mergedAt: "2024-02-02T00:00:00Z" }), kept: true },
    { case: "merged before the release", pull: pr(1, { labels: ["🧱 stack: api"], mergedAt: "2024-01-31T00:00:00Z" }), kept: false },
    { case: "closed without merging", pull: pr(1, { labels: ["🧱 stack: api"], mergedAt: null }), kept: false },
    { case: "labelled for another app", pull: pr(1, { labels: ["🧱 stack: frontend"], mergedAt: "2024-02-02T00:00:00Z" }), kept: false },
  ])("a PR $case is kept: $kept", ({ pull, kept }) => {
    expect(pullsForApp(API, [pull], "2024-02-01T00:00:00Z")).toHaveLength(kept ? 1 : 0);
  });

  it("takes every PR for an app without labels", () => {
    expect(pullsForApp({ ...API, labels: [] }, [pr(1), pr(2)], null)).toHaveLength(2);
  });
});

describe("when to stop reading closed pull requests", () => {
  const page = (n: number, updatedAt: string) => Array.from({ length: n }, () => ({ updatedAt }));
  it.each([
    { case: "a full page still after the release", rows: page(100, "2024-03-01"), read: 100, since: "2024-02-01", more: true },
    { case: "a page reaching back past the release", rows: page(100, "2024-01-01"), read: 100, since: "2024-02-01", more: false },
    { case: "a short page", rows: page(40, "2024-03-01"), read: 140, since: null, more: false },
    { case: "the bound", rows: page(100, "2024-03-01"), read: 500, since: null, more: false },
    { case: "no previous release", rows: page(100, "2020-01-01"), read: 100, since: null, more: true },
  ])("$case: read more is $more", ({ rows, read, since, more }) => {
    expect(shouldReadMore(rows, 100, read, since, 500)).toBe(more);
  });
});
