// `plan --event timer`: a due timer, as the job queue keeps it, planned by the same feature the
// worker runs (src/features/timers.ts timerFeature) from a facts file; #13 asked that every kind
// of work the bot does be plannable offline, timers included.
import { describe, expect, it } from "vitest";
import { notPlanned, planOn } from "./plan-run.js";

const SHA = "1c1f6ab9d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7";
const KEY = `deploy:production:${SHA}:comment-42`;
const repo = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const timer = {
  v: 1,
  kind: "lock-expiry",
  installationId: 1,
  repo,
  environment: "production",
  lockKey: `lock:production:${KEY}`,
  expiresAt: "2024-10-21T12:30:00Z",
};
const deployments = {
  production: [
    { id: 31, sha: SHA, state: "in_progress" as const, createdAt: "2024-10-21T12:00:00Z", payload: { release_pilot_key: KEY, requested_by: "fershad" } },
  ],
};
const locks = { production: { holder: "fershad", reason: "deploying", expiresAt: "2024-10-21T12:30:00Z", deploymentKey: KEY, key: `lock:production:${KEY}` } };

describe("plan a due timer", () => {
  it("marks a deploy that never reported as error and frees its lock when the lock expiry timer comes due", async () => {
    const run = await planOn("greenweb", "timer", timer, { now: "2024-10-21T12:31:00Z", deployments, locks });
    const actions = run.report?.parts.flatMap((part) => ("plan" in part ? [...part.plan.actions] : [])) ?? [];
    expect(run.stderr).toBe("");
    expect(actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "set-deployment-status", deploymentId: 31, state: "error" }),
        expect.objectContaining({ kind: "release-lock", environment: "production" }),
      ]),
    );
  });

  it("waits while the lock still holds", async () => {
    const run = await planOn("greenweb", "timer", timer, {
      now: "2024-10-21T12:10:00Z",
      deployments,
      locks: { production: { ...locks.production, expiresAt: "2024-10-21T13:00:00Z" } },
    });
    const actions = run.report?.parts.flatMap((part) => ("plan" in part ? [...part.plan.actions] : [])) ?? [];
    expect(actions).toEqual([]);
    expect(run.report?.parts.some((part) => "plan" in part && part.plan.reason === "locked")).toBe(true);
  });

  it("names a verify timer as not plannable offline, and refuses a payload that is no timer", async () => {
    const verify = { v: 1, kind: "verify", installationId: 1, repo, deploymentId: 31, startedAt: 0, answers: 0 };
    expect(notPlanned(await planOn("greenweb", "timer", verify), "timer verify")).toContain("version URL");
    const wrong = await planOn("greenweb", "timer", { kind: "lock-expiry" });
    expect(wrong.report).toBeUndefined();
    expect(wrong.stderr).toContain("is not a timer this version reads");
  });
});
