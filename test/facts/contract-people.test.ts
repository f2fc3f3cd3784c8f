// A pull request's head and team membership, read from the emulator through the GitHub source and
// from a facts file saying the same through the JSON source, give the same answers: what
// `release-pilot plan` plans for /deploy on a pull request and for deployers by team is what the bot does.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions, PlanFacts } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { GitHub } from "../../src/github/client.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const repo = { owner: "acme", repo: "shop" };
let gh: Emulator;
let github: FactSource;
let headSha: string;
let forkPull: number;
let ownPull: number;

const json = (facts: unknown): FactSource =>
  jsonFacts({
    facts: PlanFacts.parse(facts),
    assumed: new Assumptions(),
    repo,
    config: { kind: "missing" },
    defaultBranch: "main",
    permissionFallback: "write",
  });

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ ...repo, files: { "app.py": "x = 0\n" } });
  gh.createBranch(repo.owner, repo.repo, "feature/login", "main");
  headSha = gh.commit(repo.owner, repo.repo, "feature/login", { "app.py": "x = 1\n" }, "Login");
  gh.commit(repo.owner, repo.repo, "main", { "README.md": "a\n" }, "Docs 1");
  gh.commit(repo.owner, repo.repo, "main", { "README.md": "b\n" }, "Docs 2");
  ownPull = gh.openPullRequest({ ...repo, title: "Login", head: "feature/login" });
  forkPull = gh.openPullRequest({ ...repo, title: "Fork", head: "feature/login", fork: "mallory" });
  gh.addTeamMember("acme", "release-managers", "alice");
  gh.addTeamMember("acme", "release-managers", "dave", "pending");
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  github = githubFacts({ octokit, repo, self: fixedIdentity({ login: gh.state.botUser.login }) }, async () => ({ kind: "missing" }));
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("pullHead", () => {
  it("reads the head, its branch, its repository and how far it is behind, as the facts file says them", async () => {
    const read = await github.pullHead(ownPull);
    expect(read).toEqual({
      number: ownPull,
      open: true,
      headSha,
      headRef: "feature/login",
      headRepo: "acme/shop",
      baseRepo: "acme/shop",
      baseRef: "main",
      behindBy: 2,
    });
    expect(await json({ pull: { headSha, headRef: "feature/login", behindBy: 2 } }).pullHead(ownPull)).toEqual(read);
  });

  it("tells a fork's head by its repository", async () => {
    const read = await github.pullHead(forkPull);
    expect(read?.headRepo).toBe("mallory/shop");
    expect(await json({ pull: { headSha, headRef: "feature/login", headRepo: "mallory/shop", behindBy: 2 } }).pullHead(forkPull)).toEqual(read);
  });

  it("answers undefined for a number that is no pull request", async () => {
    expect(await github.pullHead(999)).toBeUndefined();
  });
});

describe("teamMember", () => {
  const facts = json({ teams: { "acme/release-managers": ["alice"] } });

  it("counts an active member, and neither an invited one nor someone off the team", async () => {
    for (const login of ["alice", "dave", "bob"]) {
      expect([login, await github.teamMember("acme/release-managers", login)]).toEqual([login, await facts.teamMember("acme/release-managers", login)]);
    }
    expect(await github.teamMember("acme/release-managers", "ALICE")).toBe(true);
    expect(await github.teamMember("acme/nobody", "alice")).toBe(false);
  });
});
