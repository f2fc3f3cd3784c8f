// Item 1 of issue #14: a workflow dispatch is refused as GitHub refuses it (sources in workflows.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call } from "./call.js";
import { dispatchInputsOf } from "./workflows.js";
import { type Emulator, startEmulator } from "./index.js";

let gh: Emulator;
const owner = "acme";
const repo = "web";
let head = "";
const DEPLOY = [
  "on:",
  "  workflow_dispatch:",
  "    inputs:",
  "      tag: { required: true }",
  "      region: { required: true, default: eu }",
  "      note: { required: false }",
  "jobs: {}",
  "",
].join("\n");

beforeAll(async () => {
  gh = await startEmulator();
  head = gh.createRepo({ owner, repo, files: { ".github/workflows/deploy.yml": DEPLOY, ".github/workflows/ci.yml": "on: [push]\njobs: {}\n" } }).headSha;
  gh.addTag(owner, repo, "v1.0.0", head);
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

const dispatch = (workflow: string, body: Record<string, unknown>) =>
  call(gh, "POST", `/repos/${owner}/${repo}/actions/workflows/${workflow}/dispatches`, body);

describe("workflow dispatch", () => {
  it("takes declared inputs on a branch or a tag, leaving out one with a default", async () => {
    expect((await dispatch("deploy.yml", { ref: "main", inputs: { tag: "v1" } })).status).toBe(204);
    expect((await dispatch("deploy.yml", { ref: "v1.0.0", inputs: { tag: "v1", note: "x" } })).status).toBe(204);
    expect(gh.workflowDispatches.at(-1)).toMatchObject({ ref: "v1.0.0", headSha: head });
  });

  it("refuses a commit SHA as ref, as it refuses any ref that is not a branch or tag", async () => {
    const bySha = await dispatch("deploy.yml", { ref: head, inputs: { tag: "v1" } });
    expect(bySha.status).toBe(422);
    expect(bySha.json).toMatchObject({ message: `No ref found for: ${head}` });
    expect((await dispatch("deploy.yml", { ref: "nope", inputs: { tag: "v1" } })).json).toMatchObject({ message: "No ref found for: nope" });
  });

  it("refuses an input the workflow does not declare, naming it", async () => {
    const extra = await dispatch("deploy.yml", { ref: "main", inputs: { tag: "v1", deployment_id: "7" } });
    expect(extra.status).toBe(422);
    expect(extra.json).toMatchObject({ message: 'Unexpected inputs provided: ["deployment_id"]' });
  });

  it("refuses a dispatch missing a required input without a default", async () => {
    const missing = await dispatch("deploy.yml", { ref: "main", inputs: {} });
    expect(missing.status).toBe(422);
    expect(missing.json).toMatchObject({ message: "Required input 'tag' not provided" });
  });

  it("refuses a workflow without a workflow_dispatch trigger, and one that does not exist", async () => {
    const ci = await dispatch("ci.yml", { ref: "main" });
    expect(ci.status).toBe(422);
    expect(ci.json).toMatchObject({ message: "Workflow does not have 'workflow_dispatch' trigger" });
    expect((await dispatch("missing.yml", { ref: "main" })).status).toBe(404);
  });

  it("answers the run's id and URLs when asked with return_run_details", async () => {
    const answer = await dispatch("deploy.yml", { ref: "main", inputs: { tag: "v2" }, return_run_details: true });
    expect(answer.status).toBe(200);
    const runId = gh.workflowDispatches.at(-1)?.runId;
    expect(answer.json).toMatchObject({ workflow_run_id: runId, html_url: expect.stringContaining(`/acme/web/actions/runs/${runId}`) });
  });

  it("reads every form of the on: key", () => {
    expect(dispatchInputsOf("on: workflow_dispatch\n")?.size).toBe(0);
    expect(dispatchInputsOf("on: [push, workflow_dispatch]\n")?.size).toBe(0);
    expect(dispatchInputsOf("on:\n  workflow_dispatch:\n")?.size).toBe(0);
    expect(dispatchInputsOf("on: push\n")).toBeUndefined();
    expect(dispatchInputsOf(": : :")).toBeUndefined();
  });
});
