// Two deploys that both saw staging free race for its lock; the one that loses is answered with
// who won, from the lock read again, not from an exception (#13: contention is data). Here the
// facts this deploy decided on say staging is free while the emulator already holds the lock.
import { readFileSync } from "node:fs";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GitHub } from "../../../src/github/client.js";
import { execute } from "../../../src/github/execute.js";
import { fixedIdentity } from "../../../src/github/identity.js";
import { runDeploy } from "../../../src/handlers/deploy/run-deploy.js";
import type { FeatureContext, FeatureLog } from "../../../src/features/feature.js";
import { featureContextOf } from "../../../src/features/from-probot.js";
import { checkConfigText } from "../../../src/policy/config-check.js";
import type { Config } from "../../../src/policy/config/index.js";
import type { RepoRef } from "../../../src/policy/plan.js";
import { startEmulator, type Emulator } from "../../emulator/index.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const repo: RepoRef = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const configText = readFileSync("examples/greenweb.yml", "utf8");
const quiet: FeatureLog = { info() {}, warn() {}, error() {}, debug() {}, child: () => quiet };
let gh: Emulator;
let octokit: GitHub;
let head: string;
let config: Config;

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({ ...repo, defaultBranch: "master", files: { ".github/release-pilot.yml": configText, ...workflowsFor(configText) } }).headSha;
  octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
  const parsed = checkConfigText(configText, `${repo.owner}/${repo.repo}`).config;
  if (parsed === undefined) throw new Error("greenweb.yml is invalid");
  config = parsed;
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("a deploy that loses the race for the lock", () => {
  it("takes nothing, creates no deployment, and answers with who holds the lock", async () => {
    const self = fixedIdentity({ login: gh.state.botUser.login });
    await execute(
      {
        reason: "planned",
        summary: "lock",
        actions: [
          {
            kind: "acquire-lock",
            key: "lock:staging:comment-1",
            repo,
            environment: "staging",
            holder: "mrchrisadams",
            reason: "load test",
            expiresAt: "2099-01-01T13:00:00.000Z",
            now: "2024-10-21T12:00:00.000Z",
            commit: head,
          },
        ],
      },
      { octokit, log: { info() {}, warn() {}, debug() {} }, self },
    );
    for (const check of ["tests", "migrations"]) gh.addCheckRun(repo.owner, repo.repo, head, check, "success");
    const issue = gh.addIssue({ ...repo, title: "Deploys" });
    const options = { dryRun: false, self };
    const event = { name: "issue_comment", id: "race", payload: {}, octokit, log: quiet, repo: () => repo, config: async () => null };
    const real: FeatureContext = featureContextOf(event, options, new Date("2024-10-21T12:00:00Z"));
    // The gates saw staging free: the lock was taken between their read and this deploy's write.
    const context: FeatureContext = { ...real, facts: { ...real.facts, currentLock: async () => undefined } };
    const env = config.environments.find((candidate) => candidate.name === "staging");
    if (env === undefined) throw new Error("no staging");
    const decided = await runDeploy(
      context,
      config,
      {
        env,
        sha: head,
        trigger: { kind: "comment", id: 9 },
        requester: "fershad",
        issueNumber: issue,
        withMigrations: false,
        approvals: [],
        defaultBranch: "master",
      },
      options,
    );
    const text = "staging is locked by mrchrisadams (load test) until 2099-01-01 13:00 UTC; wait for it to be free and try again.";
    expect(decided).toMatchObject({ reason: "locked", summary: text });
    expect(gh.deployments(repo.owner, repo.repo)).toEqual([]);
    // The one reply, with its hidden key marker after the sentence.
    const replies = gh.comments(repo.owner, repo.repo, issue).map((comment) => comment.body ?? "");
    expect(replies).toHaveLength(1);
    expect(replies[0]?.startsWith(`🚫 Not deploying: ${text}\n`)).toBe(true);
  });
});
