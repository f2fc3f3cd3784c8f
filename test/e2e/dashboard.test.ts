// The Release Dashboard end to end: opened after the first event, edited in place only when
// what it shows changed.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { deploymentStatusPayload, pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "WordPress";
const repo = "openverse";
let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  const config = `${readFileSync("examples/openverse.yml", "utf8")}\ndashboard: true\n`;
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "api/manage.py": "" } });
  gh.setPermission(owner, repo, "zackkrida", "maintain");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

function dashboards() {
  return gh.issues(owner, repo).filter((issue) => issue.title === "Release Dashboard");
}

describe("the Release Dashboard", () => {
  it("opens once after a push, showing the staging deploy it started and the unreleased PR", async () => {
    gh.addMergedPullRequest({ owner, repo, title: "Add a view", labels: ["🧱 stack: api"], author: "dhruvkb", files: { "api/views.py": "print('hi')\n" } });
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: "zackkrida" }));
    await app.waitFor(() => dashboards()[0], 30_000);
    await app.settle();
    const [dashboard] = dashboards();
    expect(dashboards()).toHaveLength(1);
    expect(dashboard!.labels).toEqual(["release-dashboard"]);
    expect(dashboard!.body).toContain("```mermaid");
    expect(dashboard!.body).toContain("api: 1 unreleased pull request");
    expect(dashboard!.body).toContain("| **staging** | api | nothing deployed yet");
  }, 60_000);

  it("is not edited when a redelivered push changes nothing", async () => {
    const before = dashboards()[0]!.body;
    gh.resetCalls();
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: "zackkrida" }));
    await app.settle();
    expect(gh.counts().writes).toBe(0);
    expect(dashboards()[0]!.body).toBe(before);
    // Issue #19 item 2: the config and the dashboard issue were read before, so on a further
    // repeat both are 304s that cost no rate limit (src/github/etag-cache.ts). (The first repeat
    // reads the issue list afresh: the first push opened the dashboard after reading it.)
    gh.resetCalls();
    await app.send("push", pushPayload(gh, { owner, repo, ref: "main", sender: "zackkrida" }));
    await app.settle();
    expect(gh.counts().writes).toBe(0);
    const conditional = gh.calls.filter((c) => c.status === 304).map((c) => c.route);
    expect(conditional).toEqual(expect.arrayContaining(["/repos/{owner}/{repo}/contents/{path}", "/repos/{owner}/{repo}/issues"]));
    expect(gh.rateLimitPoints()).toBe(gh.counts().total - conditional.length);
  }, 60_000);

  it("shows the deployed version once the staging deploy succeeds", async () => {
    const [staging] = gh.deployments(owner, repo).filter((d) => d.environment === "staging");
    const response = await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${staging!.id}/statuses`, {
      method: "POST",
      headers: { authorization: `token ${gh.userToken("openverse-bot")}`, "content-type": "application/json" },
      body: JSON.stringify({ state: "success" }),
    });
    expect(response.status).toBe(201);
    await app.send("deployment_status", deploymentStatusPayload(gh, { owner, repo, deploymentId: staging!.id }));
    const sha7 = staging!.sha.slice(0, 7);
    // Staging deploys the commit itself, so its row shows the short sha and who asked.
    await app.waitFor(() => dashboards()[0]!.body?.includes(`| **staging** | api | \`${sha7}\` |`), 30_000);
    expect(dashboards()).toHaveLength(1);
  }, 60_000);
});
