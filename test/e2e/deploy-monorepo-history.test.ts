// Issue #14 item 7: in a monorepo every app deploys to the same staging environment, and GitHub's
// auto_inactive marks each earlier success there inactive, another app's included (the emulator
// keeps GitHub's rule: test/emulator/deployments.test.ts). The frontend's deploy makes the api's
// running deployment inactive; /rollback staging api must still see the api's two successes and
// go back to the first, and /status must still show the api's running version as deployed.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const MAINTAINER = "zackkrida";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": readFileSync("examples/openverse.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/openverse.yml", "utf8")),
      "api/manage.py": "",
      "frontend/package.json": "{}",
    },
  });
  gh.setPermission(owner, repo, MAINTAINER, "maintain");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

function staging() {
  return gh.deployments(owner, repo).filter((d) => d.environment === "staging");
}

function stateOf(deploymentId: number): string | undefined {
  const statuses = gh.deployments(owner, repo).find((d) => d.id === deploymentId)?.statuses ?? [];
  return [...statuses].sort((a, b) => b.id - a.id)[0]?.state;
}

/** A push to main touching `path`, its staging deploy dispatched, and the workflow's success reported. */
async function deployByPush(path: string, content: string): Promise<{ id: number; sha: string }> {
  const before = staging().length;
  const sha = gh.commit(owner, repo, "main", { [path]: content }, `Change ${path}`, MAINTAINER);
  await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: MAINTAINER }));
  const deployment = await app.waitFor(() => (staging().length > before ? staging().find((d) => d.sha === sha) : undefined), 30_000);
  await app.settle();
  // The deploy workflow reports with its own token and GitHub's default auto_inactive.
  const response = await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${deployment.id}/statuses`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken("github-actions")}`, "content-type": "application/json" },
    body: JSON.stringify({ state: "success", log_url: `https://github.com/${owner}/${repo}/actions/runs/1` }),
  });
  expect(response.status).toBe(201);
  await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: deployment.id }));
  await app.settle();
  return { id: deployment.id, sha };
}

describe("a monorepo's staging history under GitHub's auto_inactive", () => {
  let first: { id: number; sha: string };
  let second: { id: number; sha: string };

  it("lets the frontend's success make the api's running deployment inactive, as GitHub does", async () => {
    first = await deployByPush("api/views.py", "print('one')");
    second = await deployByPush("api/views.py", "print('two')");
    await deployByPush("frontend/index.js", "hi()");
    expect(stateOf(first.id)).toBe("inactive");
    expect(stateOf(second.id)).toBe("inactive");
  }, 120_000);

  it("shows the api's running version on staging in /status, though GitHub made it inactive", async () => {
    const number = gh.addIssue({ owner, repo, title: "Where is the api?" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: "/status api", sender: MAINTAINER }));
    const reply = await app.waitFor(() => gh.comments(owner, repo, number).find((c) => c.user.login === "release-pilot[bot]"), 30_000);
    const row = reply.body.split("\n").find((line) => line.startsWith("| **staging**"));
    expect(row).toContain(second.sha.slice(0, 7));
    await app.settle();
  }, 60_000);

  it("rolls the api back to its previous success, though GitHub shows both inactive", async () => {
    const dispatches = gh.workflowDispatches.length;
    const number = gh.addIssue({ owner, repo, title: "Staging api is broken" });
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: "/rollback staging api", sender: MAINTAINER }));
    await app.waitFor(() => gh.comments(owner, repo, number).length > 0, 30_000);
    await app.settle();
    const reply = gh.comments(owner, repo, number).at(-1)?.body ?? "";
    expect(reply).not.toContain("nothing has finished");
    expect(gh.workflowDispatches).toHaveLength(dispatches + 1);
    const rollback = gh.workflowDispatches[dispatches];
    expect(rollback).toMatchObject({ workflow_id: "deploy-staging.yml", inputs: expect.objectContaining({ app: "api", tag: first.sha }) });
    expect(staging().find((d) => d.id > second.id && d.sha === first.sha)).toMatchObject({ payload: expect.objectContaining({ app: "api" }) });
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
