// A fix lands on the `release` branch: the built app opens one PR bringing it into main, and a
// second push of the same branch does not open another.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { pushPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const repo = "service";

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": 'tag: "v{version}"\n', ...workflowsFor('tag: "v{version}"\n'), "app.py": "v1" } });
  gh.createBranch(owner, repo, "release");
  gh.commit(owner, repo, "release", { "app.py": "v1 fixed" }, "Fix the timeout on release");
  app = await startApp({ emulator: gh });
});

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

const forwardPorts = () => gh.pulls(owner, repo).filter((p) => p.headRef === "release");

describe("forward-porting fixes from a release branch", () => {
  it("opens one PR from release into main listing the fix", async () => {
    await app.send("push", pushPayload(gh, { owner, repo, ref: "release" }));
    const pull = await app.waitFor(() => forwardPorts()[0], 15_000);
    expect(pull).toMatchObject({ title: "Forward-port fixes from release", baseRef: "main", state: "open" });
    expect(pull.body).toContain("Fix the timeout on release");
    expect(gh.violations).toEqual([]);
  });

  it("opens no second PR when the push is delivered again", async () => {
    gh.resetCalls();
    await app.send("push", pushPayload(gh, { owner, repo, ref: "release" }), { deliveryId: "again" });
    await app.waitFor(() => gh.calls.some((c) => c.route.includes("/compare/")) || undefined);
    await app.settle();
    expect(forwardPorts()).toHaveLength(1);
    expect(gh.counts().writes).toBe(0);
    expect(gh.violations).toEqual([]);
  });

  it("opens a new PR for the next fix once the last one was merged", async () => {
    gh.mergePullRequest(owner, repo, forwardPorts()[0]!.number, "merge");
    gh.commit(owner, repo, "release", { "app.py": "v1 fixed twice" }, "Fix the retry on release");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "release" }));
    const pull = await app.waitFor(() => forwardPorts().find((p) => p.state === "open"), 15_000);
    expect(pull.body).toContain("Fix the retry on release");
    expect(pull.body).not.toContain("Fix the timeout on release");
    expect(forwardPorts()).toHaveLength(2);
    expect(gh.violations).toEqual([]);
  });
});
