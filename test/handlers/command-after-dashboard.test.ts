// A command that finished is not reported as failed when refreshing the dashboard afterwards
// fails: the failure report goes into the command's own reply (src/runtime/report-failure.ts),
// so failing the job there would overwrite "🔒 staging is locked ..." with "could not finish".
import nock from "nock";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../emulator/index.js";
import { commentPayload } from "../e2e/fixtures/event-payloads.js";
import { startInProcess } from "./deploy/in-process.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const repo = "web";
let gh: Emulator;
let probot: Probot;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
  gh.createRepo({
    owner,
    repo,
    files: {
      ".github/release-pilot.yml": "dashboard: true\nenvironments:\n  staging: { deploy: { workflow: deploy.yml } }\n",
      ...workflowsFor("dashboard: true\nenvironments:\n  staging: { deploy: { workflow: deploy.yml } }\n"),
    },
  });
  gh.setPermission(owner, repo, "alice", "write");
});

afterAll(async () => {
  nock.cleanAll();
  await gh.close();
});

describe("a command followed by a failing dashboard refresh", () => {
  it("keeps the command's answer and does not fail its job", async () => {
    // Only the dashboard's own lookup fails (GitHub answers 500); every other call reaches the emulator.
    const dashboardLookup = nock(gh.url, { allowUnmocked: true })
      .get(`/api/v3/repos/${owner}/${repo}/issues`)
      .query((query) => query["labels"] === "release-dashboard")
      .reply(500, { message: "Server Error" });
    const number = gh.addIssue({ owner, repo, title: "Freeze" });
    const payload = commentPayload(gh, { owner, repo, number, body: "/lock staging for 1h", sender: "alice" });
    await expect(probot.receive({ id: "lock-1", name: "issue_comment", payload: payload as never })).resolves.toBeUndefined();
    expect(dashboardLookup.isDone()).toBe(true);
    const bot = gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");
    expect(bot).toHaveLength(1);
    expect(bot[0]!.body).toMatch(/^@alice 🔒 staging is locked by alice/);
  });
});
