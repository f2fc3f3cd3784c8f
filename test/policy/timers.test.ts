import { describe, expect, it } from "vitest";
import { decodeTimer, lockExpiryTimer, verifyTimer, type VerifyTimer } from "../../src/policy/timers.js";

const repo = { owner: "acme", repo: "web" };
const verify: VerifyTimer = { kind: "verify", installationId: 3, repo, deploymentId: 42, startedAt: 1_000, answers: 2, logUrl: "https://ci/run/1" };

describe("timer payloads", () => {
  it("read back what they were written as", () => {
    const request = verifyTimer(verify, 5_000);
    expect(request).toMatchObject({ id: "verify:acme/web:42:2", repoKey: "acme/web", runAt: 5_000 });
    expect(decodeTimer(JSON.parse(JSON.stringify(request.payload)))).toEqual(verify);
  });

  it("name the step, so the same step set twice is one timer and the next one another", () => {
    expect(verifyTimer(verify, 1).id).toBe(verifyTimer(verify, 2).id);
    expect(verifyTimer({ ...verify, answers: 3 }, 1).id).not.toBe(verifyTimer(verify, 1).id);
    const lock = {
      kind: "lock-expiry",
      installationId: 3,
      repo,
      environment: "production",
      lockKey: "lock:production:deploy:x",
      expiresAt: "2026-12-02T10:30:00.000Z",
    } as const;
    expect(lockExpiryTimer(lock).runAt).toBe(Date.parse(lock.expiresAt));
    expect(lockExpiryTimer({ ...lock, expiresAt: "2026-12-02T11:00:00.000Z" }).id).not.toBe(lockExpiryTimer(lock).id);
  });

  it.each([
    ["another format version", { ...verifyTimer(verify, 0).payload, v: 2 }],
    ["an unknown kind", { ...verifyTimer(verify, 0).payload, kind: "deploy" }],
    ["no installation", { ...verifyTimer(verify, 0).payload, installationId: "3" }],
    ["a negative count", { ...verifyTimer(verify, 0).payload, answers: -1 }],
    [
      "a lock key that is no acquire-lock's",
      { v: 1, kind: "lock-expiry", installationId: 3, repo, environment: "production", lockKey: "unlock:x", expiresAt: "x" },
    ],
    ["a webhook's payload", { action: "created", repository: { full_name: "acme/web" } }],
    ["null", null],
  ])("refuse %s", (_what, payload) => {
    expect(decodeTimer(payload)).toBeUndefined();
  });
});
