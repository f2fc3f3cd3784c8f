// Issue #12, item 18, at the handler: the lock-expiry timer of a deploy whose workflow never
// reports, run in-process against the emulator, twice (a redelivered timer). The deploy is marked
// error once, the queued deploy starts once, and the deploy it starts gets its own expiry check.
import { fixedIdentity } from "../../../src/github/identity.js";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { mustRepo } from "../../emulator/seed.js";
import { commentPayload } from "../../e2e/fixtures/event-payloads.js";
import { botComments, commitMessage, deploymentsOf, statesOf } from "../../e2e/fixtures/story.js";
import { runTimer } from "../../../src/features/timers.js";
import { decodeLock } from "../../../src/policy/deploy/lock.js";
import { decodeTimer, lockExpiryTimer, type TimerRequest } from "../../../src/policy/timers.js";
import { startInProcess } from "./in-process.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const owner = "acme";
const repo = "web";
const LOCK = "refs/heads/release-pilot/lock/production";

let gh: Emulator;
let probot: Probot;
let delivery = 0;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
  const config = [
    "environments:",
    "  production:",
    "    queue: true",
    "    lock_timeout: 10m",
    '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
    "",
  ].join("\n");
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "app.py": "" } });
  gh.setPermission(owner, repo, "alice", "write");
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

async function deploy(number: number): Promise<void> {
  await probot.receive({
    id: `d${(delivery += 1)}`,
    name: "issue_comment",
    payload: commentPayload(gh, { owner, repo, number, body: "/deploy production", sender: "alice" }) as never,
  });
}

const lockNow = () => {
  const ref = gh.refs(owner, repo).find((r) => r.ref === LOCK);
  return ref === undefined ? undefined : decodeLock(commitMessage(gh, owner, repo, ref.sha) ?? "");
};

describe("the lock expiry check", () => {
  it("marks the silent deploy error once and starts the queued deploy once, however often it runs", async () => {
    const first = gh.commit(owner, repo, "main", { "app.py": "V = 1\n" }, "v1", "alice");
    const asked = gh.addIssue({ owner, repo, title: "v1" });
    await deploy(asked);
    const second = gh.commit(owner, repo, "main", { "app.py": "V = 2\n" }, "v2", "alice");
    const later = gh.addIssue({ owner, repo, title: "v2" });
    await deploy(later);
    const running = deploymentsOf(gh, owner, repo, "production").find((d) => d.sha === first)!;
    const waiting = deploymentsOf(gh, owner, repo, "production").find((d) => d.sha === second)!;
    expect(botComments(gh, owner, repo, later).map((c) => c.body)).toEqual([expect.stringContaining("Queued")]);
    const held = lockNow()!;
    expect(held.key).toContain(first);

    // The check runs as at the lock's expiry (its clock is passed in; GitHub's is not moved).
    const atExpiry = () => new Date(Date.parse(held.expiresAt) + 1_000);
    const timer = lockExpiryTimer({
      kind: "lock-expiry",
      installationId: mustRepo(gh.state, owner, repo).installationId!,
      repo: { owner, repo },
      environment: "production",
      lockKey: held.key!,
      expiresAt: held.expiresAt,
    });
    const scheduled: TimerRequest[] = [];
    const options = {
      dryRun: false,
      self: fixedIdentity({ login: "release-pilot[bot]" }),
      timers: { schedule: async (request: TimerRequest) => void scheduled.push(request) },
    };
    await runTimer(probot, { id: timer.id, payload: timer.payload }, options, atExpiry);
    await runTimer(probot, { id: timer.id, payload: timer.payload }, options, atExpiry);

    expect(statesOf(gh, owner, repo, running.id).filter((state) => state === "error")).toHaveLength(1);
    expect(gh.workflowDispatches.filter((d) => d.inputs["ref"] === second)).toHaveLength(1);
    expect(botComments(gh, owner, repo, asked).filter((c) => c.body.includes("ended with error"))).toHaveLength(1);
    expect(statesOf(gh, owner, repo, waiting.id)).toEqual(["queued"]);
    // The started deploy holds the lock now, with a check at its own expiry.
    expect(lockNow()?.key).toContain(second);
    expect(scheduled.map((request) => decodeTimer(request.payload))).toEqual([expect.objectContaining({ kind: "lock-expiry", lockKey: lockNow()?.key })]);
  });
});
