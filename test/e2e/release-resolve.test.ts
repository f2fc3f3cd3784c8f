// Issue #15 item 10 end to end: a bare `/release` in a repository that resolves the level from
// Conventional Commit titles reads the PRs merged since the last release from the strict
// emulator, cuts the minor a `feat(...)` title asks for, and says which PR made it so. A PR
// merged before the last release (a breaking one) does not count.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { botComments, commentAs } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "widget";
const CONFIG = "versioning:\n  scheme: semver\n  resolve:\n    from: conventional-commits\n";

let gh: Emulator;
let app: AppProcess;
let issue: number;
let feat: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": CONFIG, "README.md": "widget\n" } });
  gh.addMergedPullRequest({ owner, repo, title: "feat!: drop the v0 API", files: { "api.txt": "v1" }, mergedAt: "2024-01-01T09:00:00Z" });
  gh.addTag(owner, repo, "v1.2.0", "main");
  gh.addRelease({ owner, repo, tag: "v1.2.0", name: "v1.2.0", publishedAt: "2024-01-01T10:00:00Z" });
  gh.addMergedPullRequest({ owner, repo, title: "fix: a crash on empty input", files: { "a.txt": "1" }, mergedAt: "2024-01-02T10:00:00Z" });
  feat = gh.addMergedPullRequest({ owner, repo, title: "feat(ui): a dark theme", files: { "b.txt": "1" }, mergedAt: "2024-01-03T10:00:00Z" }).number;
  gh.setPermission(owner, repo, "ana", "write");
  issue = gh.addIssue({ owner, repo, title: "Release" });
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

describe("a bare /release under versioning.resolve: conventional-commits", () => {
  it("cuts the minor the feat title asks for and says why", async () => {
    await commentAs(gh, owner, repo, issue, "/release", "ana");
    const answer = await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes("released release")), 60_000);
    await app.settle();
    expect(gh.tags(owner, repo).map((t) => t.name)).toContain("v1.3.0");
    expect(gh.releases(owner, repo).some((r) => r.tag_name === "v1.3.0" && !r.prerelease)).toBe(true);
    expect(answer.body).toContain(`(Resolved minor: #${feat} (feat(ui):) among 2 pull requests merged since v1.2.0.)`);
  }, 90_000);
});
