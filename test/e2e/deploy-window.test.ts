// Issue #17, item 3: an automatic deploy outside its environment's deploy window waits, held like
// a deploy waiting for its checks, and starts by itself when the window opens. The clock is a
// fact the app reads once per event; here the window is set to open at the next minute of the
// real clock, so the hold is decided before it opens and the timer set for it deploys then.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { botComments, commentAs, deploymentsOf } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";

const owner = "acme";
const repo = "windowed";
const WEEKDAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
let gh: Emulator;
let app: AppProcess;
let opensAt = 0;

const pad = (n: number) => String(n).padStart(2, "0");

beforeAll(async () => {
  // Leave at least 20 s before the window opens for the push to be held.
  if (new Date().getUTCSeconds() > 40) await new Promise((resolve) => setTimeout(resolve, (61 - new Date().getUTCSeconds()) * 1000));
  opensAt = Math.ceil(Date.now() / 60_000) * 60_000;
  const open = new Date(opensAt);
  const from = `${pad(open.getUTCHours())}:${pad(open.getUTCMinutes())}`;
  const config = `environments:
  staging:
    follows: { branch: main }
    windows: { timezone: UTC, hours: [{ days: ${WEEKDAYS[open.getUTCDay()]}, from: "${from}" }] }
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}" } }
`;
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "app.py": "x = 0\n" } });
  gh.setPermission(owner, repo, "alice", "write");
  app = await startApp({ emulator: gh, deliver: true });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  expect(app.errorLogs()).toEqual([]);
  await app?.stop();
  await gh?.close();
});

const deployCheck = (sha: string) =>
  mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy staging");

describe("an automatic deploy held by a deploy window", () => {
  it("waits with an in-progress check run, then deploys when the window opens, as the pusher", async () => {
    const sha = gh.commit(owner, repo, "main", { "app.py": "x = 1\n" }, "Ship it", "alice");
    const held = await app.waitFor(() => deployCheck(sha).find((run) => run.status === "in_progress"), 30_000);
    expect(Date.now()).toBeLessThan(opensAt);
    expect(held.output.title).toContain("Waiting for the deploy window");
    expect(held.output.summary).toContain(`${new Date(opensAt).toISOString().slice(0, 16).replace("T", " ")} UTC`);
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);

    const deployment = await app.waitFor(() => deploymentsOf(gh, owner, repo, "staging")[0], 90_000);
    expect(Date.now()).toBeGreaterThanOrEqual(opensAt);
    expect(deployment).toMatchObject({ sha, payload: { requested_by: "alice" } });
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.workflow_id === "deploy.yml"), 30_000);
    expect(dispatch).toMatchObject({ inputs: { sha, deployment_id: String(deployment.id) } });
    // The one check run went from waiting to deploying, as a held deploy's does.
    await app.waitFor(() => deployCheck(sha).find((run) => run.conclusion === "success"), 30_000);
    expect(deployCheck(sha)).toHaveLength(1);
  }, 180_000);

  it("holds a push's deploy during a /freeze, and deploys the push when the freeze ends", async () => {
    const issue = gh.addIssue({ owner, repo, title: "Release week" });
    await commentAs(gh, owner, repo, issue, "/freeze staging for 1m release week", "alice");
    await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes("❄️ staging is frozen by alice (release week)")), 30_000);
    const frozenUntil = Date.now() + 60_000;
    await app.settle();

    const sha = gh.commit(owner, repo, "main", { "app.py": "x = 2\n" }, "Ship again", "alice");
    const held = await app.waitFor(() => deployCheck(sha).find((run) => run.status === "in_progress"), 30_000);
    expect(held.output.title).toContain("Waiting for the freeze to end");
    expect(held.output.summary).toContain("release week, frozen by alice");
    expect(deploymentsOf(gh, owner, repo, "staging").filter((d) => d.sha === sha)).toEqual([]);

    const deployment = await app.waitFor(() => deploymentsOf(gh, owner, repo, "staging").find((d) => d.sha === sha), 120_000);
    expect(Date.now()).toBeGreaterThanOrEqual(frozenUntil - 5_000);
    expect(deployment.payload).toMatchObject({ requested_by: "alice" });
  }, 240_000);
});
