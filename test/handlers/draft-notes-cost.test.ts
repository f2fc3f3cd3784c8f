// What a release's notes cost in API calls, counted on the emulator: reading releases, the closed
// PRs back to the previous release (100 per page) and writing the draft, for 30 and 300 PRs.
import { ProbotOctokit } from "probot";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { GitHub } from "../../src/github/client.js";
import { execute } from "../../src/github/execute.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { githubFacts } from "../../src/facts/github/index.js";
import { gatherDraftNotesFacts } from "../../src/handlers/draft-notes.js";
import type { FeatureContext } from "../../src/features/feature.js";
import { parseConfig, type Config } from "../../src/policy/config/index.js";
import { planDraftNotes } from "../../src/policy/notes/index.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo = { owner: "WordPress", repo: "openverse" };
const log = { info: () => undefined, warn: () => undefined, debug: () => undefined };
const CONFIG = {
  versioning: { scheme: "calver", calver: "YYYY.MM.DD.HH.mm.ss" },
  apps: {
    api: { paths: ["api/**"], labels: ["🧱 stack: api"], tag: "api-{version}" },
    frontend: { paths: ["frontend/**"], labels: ["🧱 stack: frontend"], tag: "frontend-{version}" },
  },
  notes: { categories: [{ title: "Bug Fixes", labels: ["🛠 goal: fix"] }], exclude_labels: ["skip-changelog"] },
};

let gh: Emulator;
let octokit: GitHub;
let config: Config;

beforeEach(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...repo, files: { "api/manage.py": "" } });
  octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  const parsed = parseConfig(CONFIG, { repo: "WordPress/openverse" });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  config = parsed.config;
  // Twenty PRs from before the previous release, which the search must stop at.
  for (let i = 0; i < 20; i++) {
    gh.addMergedPullRequest({ ...repo, title: `Old ${i}`, labels: ["🧱 stack: api"], mergedAt: `2023-12-01T00:${String(i).padStart(2, "0")}:00Z` });
  }
  gh.addRelease({ ...repo, tag: "api-2024.01.01.00.00.00", publishedAt: "2024-01-01T00:00:00Z" });
  gh.addRelease({ ...repo, tag: "frontend-2024.01.01.00.00.00", publishedAt: "2024-01-01T00:00:00Z" });
});

afterEach(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

type PushPayload = FeatureContext<"push">["payload"];

/** The feature's context as far as gathering reads it: the facts from the emulator, the push, the time. */
function pushContext(payload: PushPayload, now: string): FeatureContext<"push"> {
  const facts = githubFacts({ octokit, repo, self: fixedIdentity({ login: "release-pilot[bot]" }) }, () => Promise.reject(new Error("the config is given")));
  return { payload, facts, now, repo: () => repo } as unknown as FeatureContext<"push">;
}

function mergePulls(count: number): string {
  let sha = "";
  for (let i = 0; i < count; i++) {
    const at = new Date(Date.parse("2024-01-02T00:00:00Z") + i * 60_000).toISOString();
    sha = gh.addMergedPullRequest({
      ...repo,
      title: `Fix ${i}`,
      labels: ["🧱 stack: api", "🛠 goal: fix"],
      files: { [`api/f${i}.py`]: "x" },
      mergedAt: at,
    }).mergeCommitSha;
  }
  return sha;
}

async function refresh(after: string): Promise<{ calls: number; writes: number; body: string }> {
  const payload = {
    ref: "refs/heads/main",
    before: "b".repeat(40),
    after,
    forced: false,
    deleted: false,
    commits: [{ id: after, added: [], removed: [], modified: ["api/x.py"] }],
    repository: { default_branch: "main" },
  } as unknown as PushPayload;
  gh.resetCalls();
  const facts = await gatherDraftNotesFacts(pushContext(payload, "2024-02-01T10:00:00.000Z"), config);
  await execute(planDraftNotes(facts), { octokit, log, self: fixedIdentity({ login: "release-pilot[bot]" }) });
  const { reads, writes } = gh.counts();
  const draft = gh.releases(repo.owner, repo.repo).find((r) => r.draft);
  return { calls: reads + writes, writes, body: draft?.body ?? "" };
}

describe("the API cost of drafting notes", () => {
  // One releases list (the executor trusts it), the pages of closed PRs (100 each, with the 20
  // old ones after the new), one write. 280 new + 20 old fill exactly three pages: the third's
  // Link header names no next page, so no fourth is read.
  it.each([
    { prs: 30, calls: 3 },
    { prs: 280, calls: 5 },
    { prs: 300, calls: 6 },
  ])("drafts the notes of $prs merged PRs in $calls calls", async ({ prs, calls }) => {
    const result = await refresh(mergePulls(prs));
    expect(result.calls).toBe(calls);
    expect(result.writes).toBe(1);
    expect(result.body.match(/^- Fix \d+/gm)).toHaveLength(prs);
    expect(result.body).not.toContain("Old ");
  });

  it("updates the draft of 300 PRs after one more merge in 7 calls", async () => {
    await refresh(mergePulls(300));
    const sha = gh.addMergedPullRequest({ ...repo, title: "One more", labels: ["🧱 stack: api"], mergedAt: "2024-01-30T00:00:00Z" }).mergeCommitSha;
    const result = await refresh(sha);
    expect(result).toMatchObject({ calls: 7, writes: 1 });
    expect(result.body).toContain("One more");
    expect(gh.releases(repo.owner, repo.repo).filter((r) => r.draft)).toHaveLength(1);
  });

  it("stops at max_pull_requests and says so in the draft", async () => {
    config = { ...config, notes: config.notes === null ? null : { ...config.notes, maxPullRequests: 100 } };
    const result = await refresh(mergePulls(150));
    expect(result.calls).toBe(3);
    expect(result.body).toContain("Showing the first 100 pull requests");
  });

  it("asks compare for the changed files when the push lists twenty commits or more", async () => {
    const start = gh.sha(repo.owner, repo.repo, "main")!;
    let after = "";
    for (let i = 0; i < 20; i++) after = gh.commit(repo.owner, repo.repo, "main", { [`frontend/f${i}.vue`]: "x" }, `Commit ${i}`);
    gh.addMergedPullRequest({ ...repo, title: "Frontend fix", labels: ["🧱 stack: frontend"], mergedAt: "2024-01-20T00:00:00Z" });
    after = gh.sha(repo.owner, repo.repo, "main")!;
    const payload = {
      ref: "refs/heads/main",
      before: start,
      after,
      forced: false,
      deleted: false,
      // GitHub's list stops at twenty; these name no file of any app.
      commits: Array.from({ length: 20 }, (_, i) => ({ id: `c${i}`, added: [], removed: [], modified: [] })),
      repository: { default_branch: "main" },
    } as unknown as PushPayload;
    const facts = await gatherDraftNotesFacts(pushContext(payload, "2024-02-01T10:00:00.000Z"), config);
    expect(facts.changedFiles).toContain("frontend/f0.vue");
    expect(planDraftNotes(facts).actions).toEqual([expect.objectContaining({ kind: "create-release", tag: "frontend-2024.02.01.10.00.00" })]);
  });
});
