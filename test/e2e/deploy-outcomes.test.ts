// Outcomes nobody reports by hand: a dispatched deploy workflow that dies without a deployment
// status (Green Web), and a workflow success that only counts once the version URL answers the
// new sha (verify); and a push by someone Green Web does not trust, which waits for a maintainer.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { commentPayload, deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { examplePayload } from "./fixtures/payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import type { WorkflowDispatch } from "../emulator/store.js";
import { reportDeployment } from "./fixtures/story.js";

const owner = "thegreenwebfoundation";
const repo = "admin-portal";
const verified = "verified-app";

let gh: Emulator;
let app: AppProcess;
let versionServer: Server;
/** What the version endpoint answers; the test moves it to the new sha after the first hit. */
let answers: string[] = [];
let hits = 0;

beforeAll(async () => {
  versionServer = createServer((_, response) => {
    const body = answers[Math.min(hits, answers.length - 1)] ?? "";
    hits += 1;
    response.end(body);
  });
  await new Promise<void>((resolve) => versionServer.listen(0, "127.0.0.1", resolve));
  const versionUrl = `http://127.0.0.1:${(versionServer.address() as AddressInfo).port}/version`;
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/greenweb.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/greenweb.yml", "utf8")),
      "manage.py": "",
    },
  });
  gh.setPermission(owner, repo, "fershad", "write");
  gh.createBranch(owner, repo, "staging", "master");
  const config = [
    "environments:",
    "  production:",
    '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
    `    verify: { url: "${versionUrl}", expect: "{sha}", timeout: 1m }`,
  ].join("\n");
  gh.createRepo({ owner, repo: verified, defaultBranch: "main", files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "app.py": "" } });
  gh.setPermission(owner, verified, "fershad", "write");
  // The version server is on 127.0.0.1, which verify refuses unless the test allows loopback.
  app = await startApp({ emulator: gh, env: { VERIFY_ALLOW_LOOPBACK: "1" } });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
  await new Promise((resolve) => versionServer?.close(resolve));
});

const botComments = (name: string, number: number) => gh.comments(owner, name, number).filter((c) => c.user.login === "release-pilot[bot]");
const statusesOf = (name: string, id: number) => [...(gh.deployments(owner, name).find((d) => d.id === id)?.statuses ?? [])].sort((a, b) => a.id - b.id);

/** The `workflow_run.completed` GitHub sends when the run it started for this dispatch ends. */
function workflowRunPayload(dispatch: WorkflowDispatch, conclusion: string): Record<string, unknown> {
  const target = mustRepo(gh.state, owner, repo);
  return examplePayload("workflow_run", "completed", {
    owner,
    repo,
    repoId: target.id,
    installationId: target.installationId,
    defaultBranch: target.defaultBranch,
    overrides: {
      workflow_run: {
        id: dispatch.runId,
        // The run checks out the tip of the dispatched branch, which need not be the deployed commit.
        head_sha: dispatch.headSha,
        head_branch: dispatch.ref,
        name: "Deploy",
        path: ".github/workflows/deploy.yml",
        event: "workflow_dispatch",
        status: "completed",
        conclusion,
        created_at: dispatch.at,
        html_url: `https://github.com/${owner}/${repo}/actions/runs/${dispatch.runId}`,
      },
    },
  });
}

describe("deploy outcomes", () => {
  it("fails a production deploy whose workflow run failed silently and offers the rollback once", async () => {
    const sha = gh.commit(owner, repo, "master", { "greencheck/views.py": "# new" }, "Change a view", "fershad");
    gh.addCheckRun(owner, repo, sha, "tests", "success");
    gh.addCheckRun(owner, repo, sha, "migrations", "success");
    const number = gh.addIssue({ owner, repo, title: "Ship the new view" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: "/deploy production", sender: "fershad" }));
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === sha), 20_000);
    await app.settle();
    const deployment = gh.deployments(owner, repo).find((d) => d.sha === sha)!;
    // The workflow is dispatched on the branch, with the commit as an input, as GitHub requires.
    expect(dispatch).toMatchObject({ ref: "master", inputs: { environment: "production", ref: sha, deployment_id: String(deployment.id) } });
    const runUrl = `https://github.com/${owner}/${repo}/actions/runs/${dispatch.runId}`;

    await app.send("workflow_run", workflowRunPayload(dispatch, "failure"));
    const failed = await app.waitFor(() => statusesOf(repo, deployment.id).find((s) => s.state === "failure"), 20_000);
    expect(failed.log_url).toBe(runUrl);
    const report = await app.waitFor(() => botComments(repo, number).find((c) => c.body.includes("ended with failure")), 20_000);
    expect(report.body).toContain("/rollback production");
    expect(report.body).toContain(`actions/runs/${dispatch.runId}`);
    await app.waitFor(() => !gh.refs(owner, repo).some((r) => r.ref === "refs/heads/release-pilot/lock/production"), 20_000);

    // GitHub then delivers the bot's own failure status; it reports nothing new.
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: deployment.id }));
    await app.settle();
    expect(botComments(repo, number)).toHaveLength(1);
    expect(botComments(repo, number)[0]!.body).toBe(report.body);
    expect(statusesOf(repo, deployment.id).filter((s) => s.state === "failure")).toHaveLength(1);
    expect(gh.violations).toEqual([]);
  }, 90_000);

  it("finds the deployment of an older commit by the run's id, though the run checked out the branch's tip", async () => {
    const older = gh.sha(owner, repo, "master")!;
    gh.addCheckRun(owner, repo, older, "tests", "success");
    gh.addCheckRun(owner, repo, older, "migrations", "success");
    gh.commit(owner, repo, "master", { "greencheck/urls.py": "# newer" }, "Change the urls", "fershad");
    const number = gh.addIssue({ owner, repo, title: "Redeploy the older commit" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: `/deploy production ${older.slice(0, 7)}`, sender: "fershad" }));
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === older && d.headSha !== older), 20_000);
    await app.settle();
    const deployment = gh.deployments(owner, repo).find((d) => d.sha === older && d.id === Number(dispatch.inputs["deployment_id"]))!;
    // The workflow started and said so: the bot's dispatch record is no longer the newest status.
    await reportDeployment(gh, owner, repo, deployment.id, "in_progress");
    // Another run of the same workflow on the same branch tip ends too: it served no deployment.
    await app.send("workflow_run", workflowRunPayload({ ...dispatch, runId: dispatch.runId + 1 }, "failure"));
    await app.settle();
    expect(statusesOf(repo, deployment.id).some((s) => s.state === "failure")).toBe(false);
    await app.send("workflow_run", workflowRunPayload(dispatch, "cancelled"));
    await app.waitFor(() => statusesOf(repo, deployment.id).find((s) => s.state === "failure"), 20_000);
    expect(gh.violations).toEqual([]);
  }, 90_000);

  it("holds a push to staging by an untrusted author with a failed check run naming the /deploy command", async () => {
    const sha = gh.commit(owner, repo, "staging", { "greencheck/models.py": "# outside" }, "Change a model", "visitor");
    gh.addCheckRun(owner, repo, sha, "tests", "success");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "visitor" }));
    const checks = () => mustRepo(gh.state, owner, repo).checkRuns.filter((c) => c.head_sha === sha && c.name.startsWith("Release Pilot"));
    const held = await app.waitFor(() => checks()[0], 20_000);
    expect(held.conclusion).toBe("failure");
    expect(held.output.summary).toContain(
      `Deploy to staging waits for approval: visitor is not a trusted author; a maintainer can run /deploy staging ${sha.slice(0, 7)}`,
    );
    await app.settle();
    expect(gh.workflowDispatches.filter((d) => d.inputs["ref"] === sha)).toEqual([]);
    expect(gh.violations).toEqual([]);
  }, 60_000);

  it("marks a deploy successful only once the version URL answers the new sha", async () => {
    const old = gh.sha(owner, verified, "main")!;
    const sha = gh.commit(owner, verified, "main", { "app.py": "# new" }, "Change the app", "fershad");
    answers = [`{"sha":"${old}"}`, `{"sha":"${sha}"}`];
    hits = 0;
    const number = gh.addIssue({ owner, repo: verified, title: "Ship it" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo: verified, number, body: "/deploy production", sender: "fershad" }));
    await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["ref"] === sha), 20_000);
    await app.settle();
    const deployment = gh.deployments(owner, verified).find((d) => d.sha === sha)!;
    await fetch(`${gh.url}/repos/${owner}/${verified}/deployments/${deployment.id}/statuses`, {
      method: "POST",
      headers: { authorization: `token ${gh.userToken("ansible")}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "success" }),
    });
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo: verified, deploymentId: deployment.id }));

    await app.waitFor(() => botComments(verified, number).find((c) => c.body.startsWith("✅ Deployed")), 30_000);
    const states = statusesOf(verified, deployment.id).map((s) => `${s.state} ${s.description}`);
    expect(states.slice(-3)).toEqual([
      "success ",
      expect.stringMatching(/^in_progress Verifying http:\/\/127\.0\.0\.1:\d+\/version$/),
      expect.stringMatching(/^success Verified /),
    ]);
    expect(hits).toBe(2);
    expect(gh.violations).toEqual([]);
  }, 90_000);
});
