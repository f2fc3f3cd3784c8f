// The FactSource contract for CoreFacts: the same repository state answers the same from GitHub
// (the emulator, read through src/facts/github) and from a facts file (src/facts/json) made from
// that state, as the JobQueue contract holds SQLite and Redis to one behaviour.
import { readFileSync } from "node:fs";
import { Context, ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { githubFacts } from "../../src/facts/github/index.js";
import { jsonFacts } from "../../src/facts/json/index.js";
import { Assumptions } from "../../src/facts/json/schema.js";
import type { FactSource } from "../../src/facts/source.js";
import type { GitHub } from "../../src/github/client.js";
import { fixedIdentity } from "../../src/github/identity.js";
import { loadConfig } from "../../src/facts/github/config.js";
import { checkConfigText } from "../../src/policy/config-check.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { factsFrom } from "../e2e/plan-matches-world.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const OWNER = "thegreenwebfoundation";
const REPO = "admin-portal";
const log = { info() {}, warn() {}, debug() {}, error() {}, child: () => log };
let gh: Emulator;
let sources: { readonly github: FactSource; readonly json: FactSource };
let head: string;

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({
    owner: OWNER,
    repo: REPO,
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": readFileSync("examples/greenweb.yml", "utf8"), ...workflowsFor(readFileSync("examples/greenweb.yml", "utf8")) },
  }).headSha;
  gh.createBranch(OWNER, REPO, "staging", "master");
  gh.addTag(OWNER, REPO, "v1.2.0", "master", "Version 1.2.0");
  gh.setPermission(OWNER, REPO, "fershad", "maintain");
  gh.createRepo({ owner: OWNER, repo: "infrastructure", defaultBranch: "trunk" });
  const octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  const payload = { repository: { name: REPO, owner: { login: OWNER }, full_name: `${OWNER}/${REPO}` } };
  const probot = new Context({ id: "contract", name: "push", payload } as never, octokit as never, log as never);
  const repo = { owner: OWNER, repo: REPO };
  const github = githubFacts({ octokit, repo, self: fixedIdentity({ login: gh.state.botUser.login }) }, () =>
    loadConfig({ octokit, config: (file) => probot.config<Record<string, unknown>>(file) }, repo),
  );
  const facts = { ...factsFrom(gh, OWNER, REPO, { sender: "fershad" }), workflowDefaultBranch: "trunk" };
  // The CLI checks the config file as the PR check does; the app loads it through Probot.
  const checked = checkConfigText(readFileSync("examples/greenweb.yml", "utf8"), `${OWNER}/${REPO}`).config;
  if (checked === undefined) throw new Error("examples/greenweb.yml is not valid");
  const json = jsonFacts({
    facts,
    assumed: new Assumptions(),
    repo: { owner: OWNER, repo: REPO },
    config: { kind: "ok", config: checked, warnings: [] },
    defaultBranch: "master",
    permissionFallback: "write",
  });
  sources = { github, json };
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe.each(["github", "json"] as const)("CoreFacts from %s", (name) => {
  const source = () => sources[name];

  it("knows this app's bot user", async () => {
    expect(await source().self()).toEqual({ login: gh.state.botUser.login });
  });

  it("loads the default branch's config", async () => {
    const loaded = await source().config();
    expect(loaded.kind).toBe("ok");
    if (loaded.kind === "ok") expect(loaded.config).toEqual((await sources.github.config().then((other) => (other.kind === "ok" ? other : undefined)))?.config);
  });

  it("reads a person's permission", async () => {
    expect(await source().permission("fershad")).toBe("maintain");
  });

  it("resolves a branch, a tag and a SHA to their commit, and nothing for an unknown name", async () => {
    expect(await source().commitOf("master")).toBe(head);
    expect(await source().commitOf("staging")).toBe(head);
    expect(await source().commitOf("v1.2.0")).toBe(head);
    expect(await source().commitOf(head)).toBe(head);
    expect(await source().commitOf("no-such-branch")).toBeUndefined();
  });

  it("reads another repository's default branch", async () => {
    expect(await source().defaultBranchOf({ owner: OWNER, repo: "infrastructure" })).toBe("trunk");
  });
});
