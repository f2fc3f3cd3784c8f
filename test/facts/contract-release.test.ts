// ReleaseFacts from the two sources: the same repository read from the emulator through the
// GitHub reads (githubFacts) and written down as a facts file (jsonFacts) gives the same answers,
// as the JobQueue contract test holds SQLite and Redis to one behaviour. The facts file is built
// from the emulator's state the way test/e2e/plan-matches-world.ts `factsFrom` builds it.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions, PlanFacts } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { GitHub } from "../../src/github/client.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { keyMarker } from "../../src/policy/markers/key.js";
import type { LoadedConfig } from "../../src/facts/config.js";
import { readyCommentKey } from "../../src/policy/checklist/index.js";
import { parseConfig } from "../../src/policy/config/index.js";
import type { RepoRef } from "../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo: RepoRef = { owner: "emfollow", repo: "gwcelery" };
const downstream: RepoRef = { owner: "emfollow", repo: "gwcelery-deploy" };
const TEMPLATE = ".github/ISSUE_TEMPLATE/release.md";
// Fragments with a file in a subdirectory, which the contents API lists as a dir and is no fragment.
const FRAGMENTS = { "changelog.d/12.feature.md": "A feature\n", "changelog.d/+x.misc": "", "changelog.d/sub/3.bugfix.md": "nested\n" };
const MARKER = "<!-- release-pilot:checklist v=2.6.0 app=gwcelery -->";

let gh: Emulator;
let github: FactSource;
let head: string;
let loaded: LoadedConfig;
let given: PlanFacts;

function fromJson(facts: PlanFacts = given): { source: FactSource; assumed: Assumptions } {
  const assumed = new Assumptions();
  return { source: jsonFacts({ facts, assumed, repo, config: loaded, defaultBranch: "main", permissionFallback: "write" }), assumed };
}

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({
    ...repo,
    files: { "CHANGES.rst": "Changelog\n=========\n", [TEMPLATE]: "- [ ] Tests pass\n", "gwcelery/__init__.py": "x", ...FRAGMENTS },
  }).headSha;
  gh.createRepo({ ...downstream, defaultBranch: "production", files: { "requirements.txt": "gwcelery==2.5.2\n" } });
  const parsed = parseConfig(
    {
      checklist: { template: TEMPLATE, labels: ["release"] },
      downstream: [{ repo: "emfollow/gwcelery-deploy", file: "requirements.txt", package: "gwcelery" }],
    },
    { repo: "emfollow/gwcelery" },
  );
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  loaded = { kind: "ok", config: parsed.config, warnings: [] };
  gh.addTag(repo.owner, repo.repo, "v2.5.1", head);
  gh.addTag(repo.owner, repo.repo, "v2.5.2", head, "Version 2.5.2");
  gh.addRelease({ ...repo, tag: "v2.5.2", name: "2.5.2", body: "- A fix", publishedAt: "2024-09-01T00:00:00Z" });
  const open = gh.addIssue({ ...repo, title: "Release version 2.6.0", body: `- [ ] x\n\n${MARKER}`, labels: ["release"] });
  const closed = gh.addIssue({ ...repo, title: "Release version 2.5.2", body: "- [x] y", labels: ["release"], state: "closed" });
  gh.addIssue({ ...repo, title: "A bug", body: "no checklist" });
  gh.addComment(repo.owner, repo.repo, open, `Ready.\n\n${keyMarker(readyCommentKey(open))}`, gh.state.botUser.login);
  gh.addComment(repo.owner, repo.repo, closed, `Pasted.\n\n${keyMarker(readyCommentKey(closed))}`, "mallory");
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  github = githubFacts({ octokit, repo, self: fixedIdentity(gh.state.botUser) }, () => Promise.resolve(loaded));
  const web = `${gh.url}/${repo.owner}/${repo.repo}`;
  given = PlanFacts.parse({
    refs: Object.fromEntries(
      gh
        .refs(repo.owner, repo.repo)
        .map(({ ref, sha }) => [ref.replace(/^refs\/(heads|tags)\//, ""), gh.state.repo(repo.owner, repo.repo)?.git.peel(sha) ?? sha]),
    ),
    tags: gh.tags(repo.owner, repo.repo).map((tag) => tag.name),
    files: { "CHANGES.rst": gh.file(repo.owner, repo.repo, "main", "CHANGES.rst"), ...FRAGMENTS },
    template: gh.file(repo.owner, repo.repo, "main", TEMPLATE),
    releases: gh.releases(repo.owner, repo.repo).map((r) => ({
      id: r.id,
      tag: r.tag_name,
      name: r.name ?? r.tag_name,
      url: `${web}/releases/tag/${r.tag_name}`,
      body: r.body ?? "",
      draft: r.draft,
      prerelease: r.prerelease,
      publishedAt: r.published_at,
    })),
    checklists: gh
      .issues(repo.owner, repo.repo)
      .filter((issue) => issue.labels.includes("release"))
      .map((issue) => ({ number: issue.number, state: issue.state, body: issue.body ?? "", url: `${web}/issues/${issue.number}` })),
    downstream: { "emfollow/gwcelery-deploy": { base: "production", content: gh.file(downstream.owner, downstream.repo, "production", "requirements.txt") } },
  });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("ReleaseFacts: GitHub and a facts file agree", () => {
  it("reads a branch's head, and no head for a branch that is not there", async () => {
    const json = fromJson().source;
    expect(await json.branchHead("main")).toBe(head);
    expect(await github.branchHead("main")).toBe(head);
    expect(await github.branchHead("release/v9")).toBeUndefined();
    expect(await json.branchHead("release/v9")).toBeUndefined();
  });

  it("reads the commit a lightweight and an annotated tag name", async () => {
    const json = fromJson().source;
    for (const tag of ["v2.5.1", "v2.5.2"]) {
      const release = { tag, targetCommitish: "main" };
      expect(await github.releasedCommit(release)).toBe(head);
      expect(await json.releasedCommit(release)).toBe(head);
    }
  });

  it("reads a branch's protection as the app may: none, required checks, unreadable details, and rulesets with their bypass", async () => {
    const json = (protection?: unknown) => fromJson(PlanFacts.parse({ ...given, ...(protection === undefined ? {} : { protection }) })).source;
    const open = { protected: false, requiredChecks: [], rules: [] };
    expect(await github.branchProtection("main")).toEqual(open);
    expect(await json().branchProtection("main")).toEqual(open);
    const { owner, repo: name } = repo;
    try {
      // The app has no administration permission, so only the branch's summary is read of classic protection.
      gh.protectBranch(owner, name, "main", { requiredReviews: 1, requiredChecks: ["ci"] });
      const blocked = gh.addRuleset(owner, name, {
        name: "main",
        branches: ["~DEFAULT_BRANCH"],
        rules: [{ type: "pull_request" }, { type: "non_fast_forward" }],
      });
      gh.addRuleset(owner, name, {
        name: "checks",
        branches: ["main"],
        rules: [{ type: "required_status_checks", checks: ["lint"] }],
        bypassApps: ["release-pilot"],
      });
      const read = await github.branchProtection("main");
      expect(read).toEqual({
        protected: true,
        requiredChecks: ["ci"],
        rules: [
          { type: "pull_request", checks: [], appMayBypass: false },
          { type: "required_status_checks", checks: ["lint"], appMayBypass: true },
        ],
      });
      expect(await json(read).branchProtection("main")).toEqual(read);
      expect(blocked).toBeGreaterThan(0);
      gh.setAppPermissions({ ...gh.state.appPermissions, administration: "read" });
      const full = await github.branchProtection("main");
      expect(full.details).toEqual({ pullRequestsRequired: true, pushRestricted: false, locked: false });
      expect(await json(full).branchProtection("main")).toEqual(full);
    } finally {
      gh.unprotectBranch(owner, name, "main");
      gh.state.repo(owner, name)?.rulesets.splice(0);
      const { administration: _, ...rest } = gh.state.appPermissions;
      gh.setAppPermissions(rest);
    }
  });

  it("lists the same tag names", async () => {
    expect([...(await fromJson().source.tagNames())].sort()).toEqual([...(await github.tagNames())].sort());
  });

  it("lists the same releases (who wrote one is known only on GitHub)", async () => {
    const read = (await github.latestReleases()).map(({ byThisApp: _, ...rest }) => rest);
    expect(read).toHaveLength(1);
    expect(await fromJson().source.latestReleases()).toEqual(read);
  });

  it("reads the files /release edits and the checklist template", async () => {
    const json = fromJson().source;
    const at = { branch: "main", sha: head };
    expect(await json.releaseFiles(["CHANGES.rst"], at)).toEqual(await github.releaseFiles(["CHANGES.rst"], at));
    expect(await json.checklistTemplate(TEMPLATE, "main")).toBe(await github.checklistTemplate(TEMPLATE, "main"));
    expect(await github.checklistTemplate(TEMPLATE, "main")).toBe("- [ ] Tests pass\n");
  });

  it("lists a changelog's fragment files, and none of a missing directory", async () => {
    const json = fromJson().source;
    const read = await github.fragmentFiles("changelog.d", head);
    expect(read).toEqual({ "12.feature.md": "A feature\n", "+x.misc": "" });
    expect(await json.fragmentFiles("changelog.d", head)).toEqual(read);
    expect(await github.fragmentFiles("newsfragments", head)).toEqual({});
    expect(await json.fragmentFiles("newsfragments", head)).toEqual({});
  });

  it("lists the issues carrying the checklist labels, all of them or the open ones", async () => {
    const json = fromJson().source;
    for (const state of ["all", "open"] as const) {
      const read = await github.checklistIssues(["release"], state);
      expect(read).toHaveLength(state === "all" ? 2 : 1);
      expect([...(await json.checklistIssues(["release"], state))].sort((a, b) => b.number - a.number)).toEqual(read);
    }
  });

  it("knows the bot said a checklist is ready only from the bot's own comment", async () => {
    const [open, closed] = [...(await github.checklistIssues(["release"], "all"))].sort((a, b) => a.number - b.number);
    expect(await github.announcedReady(open?.number ?? 0)).toBe(true);
    expect(await github.announcedReady(closed?.number ?? 0)).toBe(false);
    expect(await fromJson({ ...given, alreadyAnnouncedReady: true }).source.announcedReady(open?.number ?? 0)).toBe(true);
    expect(await fromJson({ ...given, alreadyAnnouncedReady: false }).source.announcedReady(closed?.number ?? 0)).toBe(false);
  });

  it("reads each downstream file on its branch, and a repository out of reach as unreachable", async () => {
    const entries = loaded.kind === "ok" ? loaded.config.downstream : [];
    expect(await fromJson().source.downstreamFiles(entries)).toEqual(await github.downstreamFiles(entries));
    const gone = [{ ...(entries[0] as (typeof entries)[number]), repo: { owner: "emfollow", repo: "not-installed" } }];
    expect(await github.downstreamFiles(gone)).toEqual([
      { repo: gone[0]?.repo, file: "requirements.txt", package: "gwcelery", base: undefined, content: undefined, reachable: false },
    ]);
    const json = fromJson({ ...given, downstream: { "emfollow/not-installed": { reachable: false } } }).source;
    expect(await json.downstreamFiles(gone)).toEqual(await github.downstreamFiles(gone));
  });

  it("compares a release branch with the default branch and finds the forward-port PR open from it", async () => {
    gh.createBranch(repo.owner, repo.repo, "release/v2.6");
    const fix = gh.commit(repo.owner, repo.repo, "release/v2.6", { "gwcelery/fix.py": "x" }, "Fix the alert timing");
    const read = await github.forwardPortCompare("release/v2.6", "main");
    expect(read).toEqual({ ahead: [{ sha: fix, message: "Fix the alert timing" }], aheadBy: 1, openPull: null });
    expect(await fromJson({ ...given, forwardPort: { ahead: [...read.ahead], openPull: null } }).source.forwardPortCompare("release/v2.6", "main")).toEqual(
      read,
    );
    const number = gh.openPullRequest({ ...repo, title: "Forward-port release/v2.6", head: "release/v2.6", body: "Brings the fixes" });
    const withPull = await github.forwardPortCompare("release/v2.6", "main");
    expect(withPull.openPull).toEqual({ number, body: "Brings the fixes" });
    const json = fromJson({ ...given, forwardPort: { ahead: [...read.ahead], openPull: { number, body: "Brings the fixes" } } }).source;
    expect(await json.forwardPortCompare("release/v2.6", "main")).toEqual(withPull);
  });

  it("reads the closed pull requests into the default branch, newest updated first, up to the most asked for", async () => {
    for (const title of ["First", "Second", "Third"]) gh.addMergedPullRequest({ ...repo, title, labels: ["bug"], mergedAt: "2024-10-01T00:00:00Z" });
    const read = await github.closedPulls("main", null, 2);
    expect(read.pulls.map((pull) => pull.title)).toHaveLength(2);
    const pulls = gh
      .pulls(repo.owner, repo.repo)
      .filter((pull) => pull.state === "closed" && pull.baseRef === "main")
      .sort((a, b) => b.updated_at.localeCompare(a.updated_at) || b.number - a.number)
      .map((pull) => ({
        number: pull.number,
        title: pull.title,
        url: `${gh.url}/${repo.owner}/${repo.repo}/pull/${pull.number}`,
        author: pull.user.login,
        labels: pull.labels,
        mergedAt: pull.merged_at,
        mergeCommitSha: pull.merge_commit_sha,
        updatedAt: pull.updated_at,
      }));
    const json = fromJson({ ...given, pulls }).source;
    // Three were merged and two asked for: both say the list was cut short.
    expect(read.truncated).toBe(true);
    expect(await json.closedPulls("main", null, 2)).toEqual(read);
    expect(await json.closedPulls("main", null, 100)).toEqual(await github.closedPulls("main", null, 100));
  });

  it("says what it leaned on when the file leaves a fact out, and no more when it gives every one", async () => {
    const full = fromJson();
    await full.source.tagNames();
    await full.source.checklistIssues(["release"], "all");
    expect(full.assumed.list()).toEqual([]);
    const empty = fromJson(PlanFacts.parse({}));
    expect(await empty.source.tagNames()).toEqual([]);
    expect(await empty.source.checklistIssues(["release"], "all")).toEqual([]);
    expect(empty.assumed.list()).toEqual(["tags: none", "checklists: no issue carries the checklist labels"]);
  });
});
