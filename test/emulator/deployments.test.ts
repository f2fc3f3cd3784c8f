// Item 7 of issue #14: GitHub's `auto_inactive` rule, as the OpenAPI description of
// `POST /repos/{owner}/{repo}/deployments/{deployment_id}/statuses` states it (routes/deployments.ts):
// a `success` marks prior non-transient, non-production deployments of the same environment
// inactive, and only those whose state was `success`.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { type Emulator, startEmulator } from "./index.js";

let gh: Emulator;
const owner = "acme";
const repo = "mono";

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { "README.md": "hi\n" } });
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

async function deploy(environment: string, extra: Record<string, unknown> = {}): Promise<number> {
  const answer = await call(gh, "POST", `/repos/${owner}/${repo}/deployments`, { ref: "main", environment, required_contexts: [], ...extra });
  expect(answer.status).toBe(201);
  return answer.json.id as number;
}

async function report(id: number, state: string, extra: Record<string, unknown> = {}): Promise<void> {
  expect((await call(gh, "POST", `/repos/${owner}/${repo}/deployments/${id}/statuses`, { state, ...extra })).status).toBe(201);
}

async function states(id: number): Promise<string[]> {
  const answer = await call(gh, "GET", `/repos/${owner}/${repo}/deployments/${id}/statuses`);
  return (answer.json as { state: string }[]).map((status) => status.state);
}

describe("auto_inactive", () => {
  it("marks the environment's prior successful deployments inactive, whichever app they deployed", async () => {
    const apiOne = await deploy("staging", { payload: { app: "api" } });
    await report(apiOne, "success");
    const apiTwo = await deploy("staging", { payload: { app: "api" } });
    await report(apiTwo, "success");
    const web = await deploy("staging", { payload: { app: "web" } });
    await report(web, "success");
    expect(await states(apiOne)).toEqual(["inactive", "success"]);
    // Another app's success: GitHub knows nothing of apps, only of the environment.
    expect(await states(apiTwo)).toEqual(["inactive", "success"]);
    expect(await states(web)).toEqual(["success"]);
  });

  it("leaves deployments that had no success, later ones and other environments alone", async () => {
    const failed = await deploy("qa");
    await report(failed, "failure");
    const running = await deploy("qa");
    await report(running, "in_progress");
    const elsewhere = await deploy("uat");
    await report(elsewhere, "success");
    const succeeding = await deploy("qa");
    const later = await deploy("qa");
    await report(later, "success");
    await report(succeeding, "success");
    expect(await states(failed)).toEqual(["failure"]);
    expect(await states(running)).toEqual(["in_progress"]);
    expect(await states(elsewhere)).toEqual(["success"]);
    // Only prior deployments: the one created after the succeeding deployment keeps its success.
    expect(await states(later)).toEqual(["success"]);
  });

  it("leaves transient and production deployments alone", async () => {
    const transient = await deploy("preview", { transient_environment: true });
    await report(transient, "success");
    const production = await deploy("production");
    await report(production, "success");
    const flagged = await deploy("preview", { production_environment: true });
    await report(flagged, "success");
    await report(await deploy("preview"), "success");
    await report(await deploy("production"), "success");
    expect(await states(transient)).toEqual(["success"]);
    // `production_environment` defaults to true for `production` (POST deployments' description).
    expect(await states(production)).toEqual(["success"]);
    expect(await states(flagged)).toEqual(["success"]);
  });

  it("marks nothing with auto_inactive: false", async () => {
    const older = await deploy("dev");
    await report(older, "success");
    await report(await deploy("dev"), "success", { auto_inactive: false });
    expect(await states(older)).toEqual(["success"]);
  });

  it("compares the environment a status moved its deployment to", async () => {
    const older = await deploy("canary");
    await report(older, "success");
    const moved = await deploy("dev-2");
    await report(moved, "success", { environment: "canary" });
    expect(await states(older)).toEqual(["inactive", "success"]);
    const answer = await call(gh, "GET", `/repos/${owner}/${repo}/deployments/${moved}`);
    expect(answer.json).toMatchObject({ environment: "canary", original_environment: "dev-2" });
  });
});
