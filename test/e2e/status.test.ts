// /status end to end: a repository with a successful production deployment and a lock on it
// answers with both in one comment.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { encodeLock } from "../../src/policy/deploy/lock.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "acme";
const repo = "web";
const CONFIG = `environments:
  staging: { follows: { branch: main }, deploy: { workflow: deploy.yml } }
  production: { deploy: { workflow: deploy.yml }, image_tag: "rel-{version}" }
`;

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) } });
  gh.setPermission(owner, repo, "maintainer", "write");
  gh.addDeployment({
    owner,
    repo,
    environment: "production",
    ref: "main",
    payload: { image_tag: "rel-1.4.0", requested_by: "alice" },
    statuses: ["in_progress", "success"],
  });
  // The lock as /lock leaves it: a branch whose commit message holds who, why and until when.
  gh.createBranch(owner, repo, "release-pilot/lock/production", "main");
  const lock = encodeLock({ holder: "bob", reason: "database upgrade", expiresAt: "2099-01-01T00:00:00.000Z" });
  gh.commit(owner, repo, "release-pilot/lock/production", { ".release-pilot-lock": "production" }, lock);
  app = await startApp({ emulator: gh });
});
afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

describe("/status", () => {
  it("answers with the deployed version and the lock", async () => {
    const number = gh.addIssue({ owner, repo, title: "Where are we?" });
    const sent = await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body: "/status", sender: "maintainer" }));
    expect(sent.status).toBeLessThan(300);
    const reply = await app.waitFor(() => gh.comments(owner, repo, number).find((c) => c.user.login === "release-pilot[bot]"));
    expect(reply.body).toContain("@maintainer here is where things stand.");
    expect(reply.body).toMatch(
      /\| \*\*production\*\* \| `rel-1\.4\.0` \(`[0-9a-f]{7}`\) \| .* UTC \| alice \| 🔒 bob \(database upgrade\) until 2099-01-01 00:00 UTC \|/,
    );
    expect(reply.body).toContain("| **staging** | nothing deployed yet |  |  | free |");
    expect(gh.violations).toEqual([]);
  });
});
