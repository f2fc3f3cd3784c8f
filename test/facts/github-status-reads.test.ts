// What an environment shows as deployed, read from GitHub: a queued deploy this app superseded
// before it started is inactive like a replaced success, but it never ran, so it is not what
// /status and the dashboard show as deployed.
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deployedOnEnvironment } from "../../src/facts/github/status-reads.js";
import type { GitHub } from "../../src/github/client.js";
import { SUPERSEDED } from "../../src/policy/deploy/queue.js";
import { startEmulator, type Emulator } from "../emulator/index.js";

const owner = "acme";
const repo = "service";
const self = { login: "release-pilot[bot]" };
let gh: Emulator;
let octokit: GitHub;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { "README.md": "x" } });
  octokit = new ProbotOctokit({ auth: { token: "t" }, baseUrl: `${gh.url}/api/v3`, throttle: { enabled: false }, retry: { enabled: false } }) as GitHub;
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

describe("deployedOnEnvironment", () => {
  it("leaves out a queued deploy this app superseded, and shows the success before it", async () => {
    gh.addDeployment({ owner, repo, environment: "staging", ref: "main", payload: { requested_by: "ann" }, statuses: ["success"] });
    const queued = gh.addDeployment({ owner, repo, environment: "staging", ref: "main", payload: { requested_by: "bob" }, statuses: ["queued"] });
    await octokit.rest.repos.createDeploymentStatus({
      owner,
      repo,
      deployment_id: queued,
      state: "inactive",
      description: `${SUPERSEDED} the newer queued deploy`,
    });
    const seen = await deployedOnEnvironment(octokit, { owner, repo }, self, "staging", ["service"]);
    expect(seen.deployed["service"]).toMatchObject({ by: "ann" });
  });

  it("still counts an inactive deployment that ran, which GitHub marked inactive when a newer one succeeded", async () => {
    const older = gh.addDeployment({ owner, repo, environment: "dev", ref: "main", payload: { requested_by: "cat" }, statuses: ["success"] });
    await octokit.rest.repos.createDeploymentStatus({ owner, repo, deployment_id: older, state: "inactive", description: "replaced" });
    const seen = await deployedOnEnvironment(octokit, { owner, repo }, self, "dev", ["service"]);
    expect(seen.deployed["service"]).toMatchObject({ by: "cat" });
  });
});
