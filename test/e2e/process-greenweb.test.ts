// Green Web Foundation's whole process (PROCESSES.md §3) played as one story with
// examples/greenweb.yml: a model change with a migration is pushed to staging, whose automatic
// deploy stops on the pending migration until a person deploys it "with migrations"; staging is
// merged into master, production stops the same way, a maintainer deploys it with migrations while
// a second deploy asked meanwhile is refused (deploys are serialised), and the deploy workflow
// reports production successful, which moves the `production` tag and frees the lock.
// In the story CI has finished on each commit before its push is delivered; the last describe
// holds the two timing cases: CI finishing after the push, and a push arriving mid-deploy.
// A closed loop: the test only does what people and CI do (push, merge, comment, report a
// deployment's status, finish a check run) through the emulator, which sends the app every
// webhook GitHub would, its own writes' included.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { botComments, commentAs, deploymentsOf, expectCalm, reportDeployment, statesOf } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "thegreenwebfoundation";
const repo = "admin-portal";
const LOCK = (env: string) => `refs/heads/release-pilot/lock/${env}`;

let gh: Emulator;
let app: AppProcess;
/** The commit with the migration, on staging, and the merge of staging into master. */
let change: string;
let merge: string;
let pull: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/greenweb.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/greenweb.yml", "utf8")),
      "manage.py": "",
      "apps/greencheck/models.py": "class Hosting: ...\n",
    },
  });
  gh.createBranch(owner, repo, "staging", "master");
  for (const login of ["fershad", "mrchrisadams"]) gh.setPermission(owner, repo, login, "write");
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

/** CI's verdicts on a commit: the test suite, and whether the target database has migrations pending. */
function ci(sha: string, migrations: "success" | "failure"): void {
  gh.addCheckRun(owner, repo, sha, "tests", "success");
  gh.addCheckRun(owner, repo, sha, "migrations", migrations);
}

const failedChecks = () => mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.conclusion === "failure" && run.name.startsWith("Release Pilot"));
const holdsLock = (env: string) => gh.refs(owner, repo).some((r) => r.ref === LOCK(env));

async function command(number: number, body: string, sender: string, marker: string) {
  await commentAs(gh, owner, repo, number, body, sender);
  const reply = await app.waitFor(() => botComments(gh, owner, repo, number).find((c) => c.body.includes(marker)), 30_000);
  await app.settle();
  return reply;
}

describe("Green Web Foundation from a push to staging to a production deploy", () => {
  it("stops the automatic staging deploy of a commit with pending migrations and says how to deploy it", async () => {
    change = gh.commit(
      owner,
      repo,
      "staging",
      { "apps/greencheck/migrations/0042_carbon_intensity.py": "class Migration: ...\n" },
      "Add carbon intensity to hosting providers",
      "fershad",
    );
    ci(change, "failure");
    const refused = await app.waitFor(() => failedChecks().find((run) => run.head_sha === change), 30_000);
    await app.settle();
    expect(refused.name).toBe("Release Pilot: deploy staging");
    expect(refused.output.summary).toContain(`/deploy staging ${change.slice(0, 7)} --with-migrations`);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(gh.workflowDispatches).toEqual([]);
  }, 60_000);

  it("deploys staging with migrations on /deploy staging --with-migrations, holding staging until the workflow reports", async () => {
    const issue = gh.addIssue({ owner, repo, title: "Deploy carbon intensity to staging" });
    await command(issue, "/deploy staging --with-migrations", "fershad", "Deploying");
    const [staging, ...others] = deploymentsOf(gh, owner, repo, "staging");
    expect(others).toEqual([]);
    expect(staging).toMatchObject({ sha: change, payload: { with_migrations: true, requested_by: "fershad" } });
    expect(gh.workflowDispatches).toEqual([
      expect.objectContaining({
        workflow_id: "deploy.yml",
        inputs: { environment: "staging", ref: change, migrate: "true", deployment_id: String(staging!.id) },
      }),
    ]);
    expect(holdsLock("staging")).toBe(true);

    await reportDeployment(gh, owner, repo, staging!.id, "success", "ansible");
    await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.startsWith("✅ Deployed")), 30_000);
    await app.settle();
    expect(holdsLock("staging")).toBe(false);
  }, 60_000);

  it("stops the automatic production deploy when staging is merged into master with the migration still pending there", async () => {
    pull = gh.openPullRequest({ owner, repo, title: "Release carbon intensity", head: "staging", base: "master", author: "fershad" });
    merge = gh.mergePullRequest(owner, repo, pull, "merge", "mrchrisadams");
    ci(merge, "failure");
    const refused = await app.waitFor(() => failedChecks().find((run) => run.head_sha === merge), 30_000);
    await app.settle();
    expect(refused.name).toBe("Release Pilot: deploy production");
    expect(refused.output.summary).toContain("--with-migrations");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
  }, 60_000);

  it("deploys production with migrations from the merged PR and refuses a second deploy asked while it runs", async () => {
    await command(pull, "/deploy production --with-migrations", "mrchrisadams", "Deploying");
    const [production, ...others] = deploymentsOf(gh, owner, repo, "production");
    expect(others).toEqual([]);
    expect(production).toMatchObject({ sha: merge, payload: { with_migrations: true, requested_by: "mrchrisadams", issue_number: pull } });
    expect(gh.workflowDispatches.at(-1)).toMatchObject({
      workflow_id: "deploy.yml",
      ref: "master",
      inputs: { environment: "production", ref: merge, migrate: "true", deployment_id: String(production!.id) },
    });

    const refusal = await command(pull, "/deploy production --with-migrations", "fershad", "Not deploying");
    expect(refusal.body).toContain("production is locked by mrchrisadams");
    expect(refusal.body).toContain("wait for that deploy to finish");
    expect(deploymentsOf(gh, owner, repo, "production")).toHaveLength(1);
    expect(gh.workflowDispatches).toHaveLength(2);
  }, 60_000);

  it("moves the production tag to the merge and frees production when the deploy workflow reports success", async () => {
    const [production] = deploymentsOf(gh, owner, repo, "production");
    await reportDeployment(gh, owner, repo, production!.id, "success", "ansible");
    await app.waitFor(() => gh.tags(owner, repo).find((t) => t.name === "production"), 30_000);
    await app.settle();
    expect(statesOf(gh, owner, repo, production!.id).at(-1)).toBe("success");
    expect(gh.tags(owner, repo).map((t) => [t.name, t.commit])).toEqual([["production", merge]]);
    expect(holdsLock("production")).toBe(false);
    expect(botComments(gh, owner, repo, pull).map((c) => c.body.split("\n")[0])).toEqual([
      `✅ Deployed \`${merge.slice(0, 7)}\` to **production**; \`production\` now points at it.`,
      expect.stringContaining("🚫 Not deploying: production is locked by mrchrisadams"),
    ]);
    expect(deploymentsOf(gh, owner, repo, "staging").map((d) => d.sha)).toEqual([change]);
    expect(deploymentsOf(gh, owner, repo, "production").map((d) => d.sha)).toEqual([merge]);
    expect(failedChecks().map((run) => [run.name, run.head_sha])).toEqual([
      ["Release Pilot: deploy staging", change],
      ["Release Pilot: deploy production", merge],
    ]);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});

describe("Green Web Foundation: a push before CI finished, and a push while production deploys", () => {
  // On GitHub the push arrives before CI has run on the commit: the push holds the deploy with a
  // check run in progress (a yellow dot, not a failure), and the tests check passing deploys it as
  // the pusher and turns that same run green, as a GitHub Actions job does.
  it("deploys staging when the tests check passes after the push arrived", async () => {
    const sha = gh.commit(owner, repo, "staging", { "apps/greencheck/views.py": "def index(): ...\n" }, "Speed up the greencheck view", "fershad");
    gh.addCheckRun(owner, repo, sha, "migrations", "success");
    const tests = gh.addCheckRun(owner, repo, sha, "tests", null);
    await app.settle();
    const deployChecks = () => mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy staging");
    expect(deployChecks().map((run) => [run.status, run.conclusion, run.output.title])).toEqual([["in_progress", null, "Waiting for checks: tests"]]);
    const [held] = deployChecks();
    expect(deploymentsOf(gh, owner, repo, "staging").filter((d) => d.sha === sha)).toEqual([]);

    gh.completeCheckRun(owner, repo, tests, "success");
    await app.settle();
    const deployed = deploymentsOf(gh, owner, repo, "staging").filter((d) => d.sha === sha);
    expect(deployed).toEqual([expect.objectContaining({ payload: expect.objectContaining({ requested_by: "fershad" }) })]);
    expect(gh.workflowDispatches.filter((d) => d.inputs["ref"] === sha)).toEqual([
      expect.objectContaining({ inputs: { environment: "staging", ref: sha, deployment_id: String(deployed[0]!.id) } }),
    ]);
    expect(deployChecks().map((run) => [run.id, run.status, run.conclusion, run.output.title])).toEqual([
      [held!.id, "completed", "success", "Deploying to staging"],
    ]);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);

  // Green Web serialises with turnstyle, which waits: with `queue: true` the second push to master
  // waits as a pending deployment and is deployed once the first deploy reports.
  it("deploys a second push to master after the production deploy running when it arrived", async () => {
    const first = gh.commit(owner, repo, "master", { "apps/greencheck/api.py": "VERSION = 1\n" }, "Add the v1 API", "fershad");
    ci(first, "success");
    const running = await app.waitFor(() => deploymentsOf(gh, owner, repo, "production").find((d) => d.sha === first), 30_000);
    const second = gh.commit(owner, repo, "master", { "apps/greencheck/api.py": "VERSION = 2\n" }, "Add the v2 API", "mrchrisadams");
    ci(second, "success");
    await app.settle();
    const queued = deploymentsOf(gh, owner, repo, "production").find((d) => d.sha === second);
    expect(queued).toBeDefined();
    // Waiting, not refused: no failed check run, and nothing dispatched for it yet.
    const dispatchedFor = (id: number) => gh.workflowDispatches.filter((w) => w.inputs["deployment_id"] === String(id));
    expect(dispatchedFor(queued!.id)).toEqual([]);
    expect(mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.head_sha === second && run.conclusion === "failure")).toEqual([]);
    await reportDeployment(gh, owner, repo, running.id, "success", "ansible");
    await app.settle();
    expect(dispatchedFor(queued!.id)).toHaveLength(1);
    expect(deploymentsOf(gh, owner, repo, "production").filter((d) => d.sha === second)).toHaveLength(1);
    expect(statesOf(gh, owner, repo, queued!.id)).toEqual(["queued"]);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);

  // The whole story's webhooks came from the emulator, the bot's own writes' included (lock refs,
  // the production tag, its check runs, comments and deployment statuses): none set off more.
  it("stays calm under its own webhooks: a bounded number of deliveries and calls, then quiet", async () => {
    await expectCalm(app, gh, { deliveries: 80, calls: 260 });
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
