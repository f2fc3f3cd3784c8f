// A pull request that changes .github/release-pilot.yml gets a "Release Pilot config" check run
// on its head commit: failed with each problem on its line, or green with what the config does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { pullRequestPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "web";
const PATH = ".github/release-pilot.yml";
const VALID = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
`;
// Line 5 holds the bad value: the annotation must land there, not on the file's first line.
const BROKEN = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
  production:
    deploy: { workflow: deploy.yml }
    approvals: two
`;
const CHANGED = `${VALID}  production:
    follows: { release: published }
    deploy: { workflow: deploy.yml }
`;

// The deploy workflow as the team wrote it: it takes a tag and needs the environment.
const DEPLOY_WORKFLOW = "on:\n  workflow_dispatch:\n    inputs:\n      tag: {}\n      environment: { required: true, default: staging }\n";
const MISMATCHED = `environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy.yml, inputs: { tag: "{sha}", image: "web-{sha}" } }
  production:
    deploy: { workflow: release.yml }
`;

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { [PATH]: VALID, ".github/workflows/deploy.yml": DEPLOY_WORKFLOW } });
  app = await startApp({ emulator: gh });
});
afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

async function openConfigPull(branch: string, config: string, path = PATH): Promise<string> {
  gh.createBranch(owner, repo, branch, "main");
  const sha = gh.commit(owner, repo, branch, { [path]: config }, "Change the release config");
  const number = gh.openPullRequest({ owner, repo, title: "Change the release config", head: branch });
  const sent = await app.send("pull_request", pullRequestPayload(gh, { owner, repo, number }));
  expect(sent.status).toBeLessThan(300);
  return sha;
}

function checkRunOn(sha: string) {
  return gh.state.repo(owner, repo)?.checkRuns.find((run) => run.head_sha === sha && run.name === "Release Pilot config");
}

describe("config check on pull requests", () => {
  it("fails a broken config with an annotation on the line of the problem", async () => {
    const sha = await openConfigPull("broken-config", BROKEN);
    const run = await app.waitFor(() => checkRunOn(sha));
    expect(run.conclusion).toBe("failure");
    expect(run.output.title).toBe(`${PATH} has 1 problem`);
    expect(run.annotations).toEqual([
      expect.objectContaining({
        path: PATH,
        start_line: 5,
        annotation_level: "failure",
        message: expect.stringContaining("environments.production.approvals"),
      }),
    ]);
    expect(gh.violations).toEqual([]);
  });

  it("passes a valid change with a summary of what it will do", async () => {
    const sha = await openConfigPull("new-production", CHANGED);
    const run = await app.waitFor(() => checkRunOn(sha));
    expect(run.conclusion).toBe("success");
    expect(run.output.summary).toContain("- push to main → deploy staging");
    expect(run.output.summary).toContain("- release published → deploy production");
    expect(gh.violations).toEqual([]);
  });

  it("names each input the workflow does not declare, and a workflow that is not there, on their lines", async () => {
    const sha = await openConfigPull("mismatched-inputs", MISMATCHED);
    const run = await app.waitFor(() => checkRunOn(sha));
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual([
      expect.objectContaining({
        start_line: 4,
        message: expect.stringContaining("environments.staging.deploy.inputs: .github/workflows/deploy.yml in acme/web at"),
      }),
      expect.objectContaining({ start_line: 6, message: expect.stringContaining("there is no .github/workflows/release.yml") }),
    ]);
    expect(run.annotations?.[0]?.message).toContain("does not declare the input image: declare it under on.workflow_dispatch.inputs");
    expect(gh.violations).toEqual([]);
  });

  it("names a required input the config does not give once the workflow requires one", async () => {
    gh.createBranch(owner, repo, "stricter", "main");
    gh.commit(
      owner,
      repo,
      "stricter",
      { ".github/workflows/deploy.yml": "on:\n  workflow_dispatch:\n    inputs:\n      region: { required: true }\n" },
      "Require a region",
    );
    const sha = gh.commit(owner, repo, "stricter", { [PATH]: `${VALID}# a region is now required\n` }, "Touch the config");
    const number = gh.openPullRequest({ owner, repo, title: "Require a region", head: "stricter" });
    await app.send("pull_request", pullRequestPayload(gh, { owner, repo, number }));
    const run = await app.waitFor(() => checkRunOn(sha));
    expect(run.conclusion).toBe("failure");
    expect(run.output.summary).toContain("requires the input region, which deploy.inputs does not give");
  });

  it("reads each version file at the pull request's head and names one whose key finds no version", async () => {
    gh.createBranch(owner, repo, "chart-version", "main");
    gh.commit(owner, repo, "chart-version", { "charts/web/Chart.yaml": "apiVersion: v2\nname: web\nversion: 0.1.0\n" }, "Add the chart");
    const config = `${VALID}version_files:\n  - charts/web/Chart.yaml\n  - { path: charts/web/Chart.yaml, key: appVersion }\n`;
    const sha = gh.commit(owner, repo, "chart-version", { [PATH]: config }, "Bump the chart at releases");
    const number = gh.openPullRequest({ owner, repo, title: "Bump the chart at releases", head: "chart-version" });
    await app.send("pull_request", pullRequestPayload(gh, { owner, repo, number }));
    const run = await app.waitFor(() => checkRunOn(sha));
    expect(run.conclusion).toBe("failure");
    expect(run.annotations).toEqual([
      expect.objectContaining({
        start_line: 5,
        message: "version_files[1]: charts/web/Chart.yaml: it has no plain value at appVersion; a release could not write its version there",
      }),
    ]);
    expect(gh.violations).toEqual([]);
  });

  it("leaves a pull request that does not touch the config alone", async () => {
    gh.resetCalls();
    const sha = await openConfigPull("readme", "Hello\n", "README.md");
    await app.settle();
    expect(checkRunOn(sha)).toBeUndefined();
    expect(gh.counts().writes).toBe(0);
  });
});
