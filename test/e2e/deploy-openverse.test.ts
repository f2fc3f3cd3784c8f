// Openverse's deploys end to end: staging for the app a push to main changed, production through
// a repository_dispatch to the infrastructure repository when a release is published, and a
// /rollback after a failed production deploy that dispatches the previous rel- image.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, deploymentStatusPayload, pushPayload, releasePayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
const FIRST = "api-2024.01.01.19.52.14";
const SECOND = "api-2024.02.02.10.00.00";

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
  gh.createRepo({ owner, repo: "openverse-infrastructure", files: { "README.md": "infra" } });
  gh.setPermission(owner, repo, "zackkrida", "maintain");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

function productionDeployments() {
  return gh.deployments(owner, repo).filter((d) => d.environment === "production");
}

/** The deploy workflow reports back, as the infrastructure's job does with the deployment_id it got. */
async function finish(deploymentId: number, state: "success" | "failure") {
  const response = await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${deploymentId}/statuses`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken("openverse-bot")}`, "content-type": "application/json" },
    body: JSON.stringify({ state, log_url: `https://github.com/${owner}/openverse-infrastructure/actions/runs/1` }),
  });
  expect(response.status).toBe(201);
  const sent = await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId }));
  expect(sent.status).toBeLessThan(300);
}

async function publish(tag: string) {
  const releaseId = gh.addRelease({ owner, repo, tag, name: tag, body: "- A change" });
  await app.send("release", releasePayload(gh, { owner, repo, releaseId, sender: "zackkrida" }));
  const dispatch = await app.waitFor(
    () => gh.repositoryDispatches.find((d) => d.client_payload["tag"] === `rel-${tag.slice(4)}` && productionDeployments().length > 0),
    30_000,
  );
  // The webhook is answered before the work ends: the bot records "Dispatched ..." after the
  // dispatch, and a workflow reporting before that would race it.
  await app.settle();
  return dispatch;
}

describe("Openverse deploys", () => {
  it("deploys staging for the api only, with the commit SHA as the image tag, when a push to main touches api/", async () => {
    const sha = gh.commit(owner, repo, "main", { "api/views.py": "print('hi')" }, "Add a view", "zackkrida");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: "zackkrida" }));
    const dispatch = await app.waitFor(() => gh.workflowDispatches[0], 20_000);
    await app.settle();
    expect(gh.workflowDispatches).toHaveLength(1);
    expect(dispatch).toMatchObject({ owner, repo, workflow_id: "deploy-staging.yml", ref: "main", inputs: { app: "api", tag: sha } });
    const staging = gh.deployments(owner, repo).filter((d) => d.environment === "staging");
    expect(staging).toHaveLength(1);
    expect(staging[0]).toMatchObject({ sha, payload: { app: "api", image_tag: sha } });
    expect(dispatch.inputs["deployment_id"]).toBe(String(staging[0]!.id));
  }, 60_000);

  it("dispatches the production deploy to the infrastructure repository when an api release is published", async () => {
    const dispatch = await publish(FIRST);
    expect(dispatch).toMatchObject({
      owner,
      repo: "openverse-infrastructure",
      event_type: "deploy_production_api",
      client_payload: { actor: "zackkrida", tag: "rel-2024.01.01.19.52.14" },
    });
    expect(productionDeployments()).toHaveLength(1);
  }, 60_000);

  it("rolls production back to the previous rel- image after a failed deploy, once however often the command is delivered", async () => {
    const [first] = productionDeployments();
    await finish(first!.id, "success");
    gh.commit(owner, repo, "main", { "api/views.py": "print('bye')" }, "Break the view", "zackkrida");
    await publish(SECOND);
    const second = productionDeployments().find((d) => d.id !== first!.id)!;
    await finish(second.id, "failure");
    await app.settle();

    const number = gh.addIssue({ owner, repo, title: "Production is down" });
    const payload = commentPayload(gh, { owner, repo, number, body: "/rollback production api", sender: "zackkrida" });
    await app.send("issue_comment", payload);
    const rollback = await app.waitFor(() => (gh.repositoryDispatches.length === 3 ? gh.repositoryDispatches[2] : undefined), 30_000);
    expect(rollback).toMatchObject({ event_type: "deploy_production_api", client_payload: { tag: "rel-2024.01.01.19.52.14", actor: "zackkrida" } });
    await app.settle();

    await app.send("issue_comment", payload);
    await app.settle();
    expect(gh.repositoryDispatches).toHaveLength(3);
    expect(productionDeployments()).toHaveLength(3);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 120_000);
});
