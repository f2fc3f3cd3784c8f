// Issue #17, items 1 to 4, through the emulator: /deploy on a pull request deploys its head (a
// fork's refused), --dry-run writes nothing but its answer, a freeze refuses a manual deploy until
// an override holder forces it, and an environment's deployers are read through team membership.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { commentPayload } from "./fixtures/event-payloads.js";
import { botComments, deploymentsOf } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "shop";
const CONFIG = `environments:
  staging:
    deploy: { workflow: preview.yml, inputs: { sha: "{sha}", branch: "{branch}", pr: "{pr}" } }
  qa:
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}", ref: "{ref}" } }
  production:
    deployers: [acme/deployers]
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}", ref: "{ref}" } }
  frozen:
    freeze: [{ from: "2020-01-01", to: "2099-01-01", reason: "end-of-year freeze" }]
    override: [acme/sre]
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}", ref: "{ref}" } }
`;
let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG), "app.py": "x = 0\n" } });
  for (const login of ["alice", "bob", "carol", "dave"]) gh.setPermission(owner, repo, login, "write");
  gh.addTeamMember(owner, "deployers", "alice");
  // Invited, not yet a member: an invitation is no membership.
  gh.addTeamMember(owner, "deployers", "dave", "pending");
  gh.addTeamMember(owner, "sre", "carol");
  app = await startApp({ emulator: gh });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  expect(app.errorLogs()).toEqual([]);
  await app?.stop();
  await gh?.close();
});

/** Types the command on the issue or pull request and waits for the bot's answer containing `expected`. */
async function type(number: number, body: string, sender: string, expected: string): Promise<string> {
  const before = botComments(gh, owner, repo, number).length;
  expect((await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body, sender }))).status).toBeLessThan(300);
  const answer = await app.waitFor(
    () =>
      botComments(gh, owner, repo, number)
        .slice(before)
        .find((c) => c.body.includes(expected)),
    30_000,
  );
  await app.settle();
  return answer.body;
}

describe("1. /deploy <env> on a pull request deploys its head", () => {
  let pull = 0;
  it("deploys the head to staging with {branch} and {pr}, warning that it is behind its base", async () => {
    gh.createBranch(owner, repo, "feature/login", "main");
    const head = gh.commit(owner, repo, "feature/login", { "app.py": "x = 1\n" }, "Login", "bob");
    gh.commit(owner, repo, "main", { "README.md": "main moved on\n" }, "Docs", "alice");
    pull = gh.openPullRequest({ owner, repo, title: "Login", head: "feature/login", author: "bob" });
    const reply = await type(pull, "/deploy staging", "bob", "Deploying");
    expect(reply).toContain("1 commit behind main");
    const [deployment, ...others] = deploymentsOf(gh, owner, repo, "staging");
    expect(others).toEqual([]);
    expect(deployment?.sha).toBe(head);
    // The workflow runs from the default branch, which nobody outside can change; the head goes in an input.
    expect(gh.workflowDispatches.at(-1)).toMatchObject({
      workflow_id: "preview.yml",
      ref: "main",
      inputs: { sha: head, branch: "feature/login", pr: String(pull) },
    });
  }, 60_000);

  it("still deploys main when it is named on the pull request", async () => {
    const main = gh.sha(owner, repo, "main")!;
    await type(pull, "/deploy qa main", "bob", "Deploying");
    expect(deploymentsOf(gh, owner, repo, "qa").map((d) => d.sha)).toEqual([main]);
    expect(gh.workflowDispatches.at(-1)).toMatchObject({ workflow_id: "deploy.yml", inputs: { sha: main, ref: "main" } });
  }, 60_000);

  it("refuses the head of a pull request from a fork, naming allow_forks", async () => {
    gh.createBranch(owner, repo, "patch-1", "main");
    gh.commit(owner, repo, "patch-1", { "app.py": "import os; os.system('curl evil')\n" }, "Improve", "mallory");
    const pull = gh.openPullRequest({ owner, repo, title: "Improve", head: "patch-1", author: "mallory", fork: "mallory" });
    const dispatches = gh.workflowDispatches.length;
    const reply = await type(pull, "/deploy qa", "bob", "fork");
    expect(reply).toContain("comes from the fork mallory/shop");
    expect(reply).toContain("environments.qa.allow_forks: true");
    expect(gh.workflowDispatches).toHaveLength(dispatches);
    expect(deploymentsOf(gh, owner, repo, "qa")).toHaveLength(1);
  }, 60_000);
});

describe("2. --dry-run answers with what would happen and writes nothing else", () => {
  it("names the gates, the workflow and its inputs, and leaves deployments, dispatches and refs alone", async () => {
    const number = gh.addIssue({ owner, repo, title: "Dry run" });
    const main = gh.sha(owner, repo, "main")!;
    const deployments = gh.deployments(owner, repo).length;
    const dispatches = gh.workflowDispatches.length;
    const refs = gh.refs(owner, repo).length;
    const firstCall = gh.calls.length;
    const reply = await type(number, "/deploy qa --dry-run", "bob", "Dry run");
    expect(reply).toContain("nothing was written");
    expect(reply).toContain("run `deploy.yml`");
    expect(reply).toContain(`\`sha\` = \`${main}\``);
    expect(reply).toContain("Gates");
    expect(gh.deployments(owner, repo)).toHaveLength(deployments);
    expect(gh.workflowDispatches).toHaveLength(dispatches);
    expect(gh.refs(owner, repo)).toHaveLength(refs);
    // The only writes: the 👀 that says the command was seen, and the answer.
    const writes = gh.calls.slice(firstCall).filter((call) => call.write);
    expect(writes.map((call) => `${call.method} ${call.route}`).sort()).toEqual([
      "POST /repos/{owner}/{repo}/issues/comments/{comment_id}/reactions",
      "POST /repos/{owner}/{repo}/issues/{issue_number}/comments",
    ]);
  }, 60_000);

  it("answers a dry run of a refused deploy with the refusal it would give", async () => {
    const number = gh.addIssue({ owner, repo, title: "Dry run, frozen" });
    const reply = await type(number, "/deploy frozen --dry-run", "bob", "Dry run");
    expect(reply).toContain("It would answer: 🚫 Not deploying: frozen is frozen until 2099-01-01 00:00 UTC (end-of-year freeze)");
    expect(deploymentsOf(gh, owner, repo, "frozen")).toEqual([]);
  }, 60_000);
});

describe("3. a manual deploy during a freeze", () => {
  it("is refused with the reason, refused --force from someone without the override, then forced by an override holder", async () => {
    const number = gh.addIssue({ owner, repo, title: "Hotfix" });
    const refused = await type(number, "/deploy frozen", "bob", "Not deploying");
    expect(refused).toContain("frozen is frozen until 2099-01-01 00:00 UTC (end-of-year freeze)");
    expect(refused).toContain("one of acme/sre may deploy anyway with /deploy frozen --force");
    const notHolder = await type(number, "/deploy frozen --force", "bob", "only one of acme/sre may force");
    expect(notHolder).toContain("Not deploying");
    expect(deploymentsOf(gh, owner, repo, "frozen")).toEqual([]);

    const forced = await type(number, "/deploy frozen --force", "carol", "Deploying");
    expect(forced).toContain("Forced by @carol: frozen is frozen until 2099-01-01 00:00 UTC (end-of-year freeze)");
    expect(deploymentsOf(gh, owner, repo, "frozen").map((d) => d.sha)).toEqual([gh.sha(owner, repo, "main")]);
  }, 90_000);
});

describe("4. who may deploy where", () => {
  it("refuses someone outside the deployers' team (and one only invited), naming who may, and deploys for a member", async () => {
    const number = gh.addIssue({ owner, repo, title: "Release" });
    const refused = await type(number, "/deploy production", "bob", "Not deploying");
    expect(refused).toContain("bob may not deploy to production; its deployers are acme/deployers");
    const invited = await type(number, "/deploy production", "dave", "Not deploying");
    expect(invited).toContain("dave may not deploy to production");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    await type(number, "/deploy production", "alice", "Deploying");
    expect(deploymentsOf(gh, owner, repo, "production")).toHaveLength(1);
    // Read through GitHub's team membership, as the app's Members: read permission allows.
    expect(gh.calls.some((call) => call.route === "/orgs/{org}/teams/{team_slug}/memberships/{username}" && call.status === 404)).toBe(true);
  }, 90_000);
});
