// Issue #12, item 18: at a deploy lock's expiry, a deploy that never reported is marked `error`
// (which frees the queue behind it); anything else is left alone, so the check is idempotent.
import { describe, expect, it } from "vitest";
import { lockMessage } from "../../../src/github/actions/lock.js";
import { decideLockExpiry, lockExpiryTimers, type LockExpiryFacts } from "../../../src/policy/deploy/lock-expiry.js";
import { decodeLock, type Lock } from "../../../src/policy/deploy/lock.js";
import { acquireLock } from "../../../src/policy/deploy/plan-deploy.js";
import type { Action } from "../../../src/policy/plan.js";
import { decodeTimer } from "../../../src/policy/timers.js";

const repo = { owner: "acme", repo: "web" };
const deployKey = "deploy:production:1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5:comment-7";
const lockKey = `lock:production:${deployKey}`;
const taken = acquireLock(
  {
    env: { name: "production" },
    now: "2026-12-02T10:00:00.000Z",
    lockMs: 1_800_000,
    repo,
    requester: "alice",
    target: { sha: "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5" },
  },
  deployKey,
  "`1c1f6ab`",
);
if (taken.kind !== "acquire-lock") throw new Error("acquireLock makes an acquire-lock action");
/** The lock as the executor writes it and the gather step reads it back. */
const held: Lock = decodeLock(lockMessage(taken))!;

const facts = (over: Partial<LockExpiryFacts> = {}): LockExpiryFacts => ({
  repo,
  now: "2026-12-02T10:30:00.000Z",
  lockKey,
  lockTimeoutMs: 1_800_000,
  lock: held,
  deployment: {
    id: 42,
    environment: "production",
    sha: "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5",
    payload: { release_pilot_key: deployKey },
    latestState: "queued",
    latestDescription: "Dispatched deploy.yml",
  },
  ...over,
});

describe("decideLockExpiry", () => {
  it("marks a deploy that has not reported by its lock's expiry as error, saying why", () => {
    expect(decideLockExpiry(facts())).toEqual({
      kind: "expire",
      deployment: facts().deployment,
      status: {
        kind: "set-deployment-status",
        key: "lock-expired:42",
        repo,
        deploymentId: 42,
        state: "error",
        description: "no status within 30m; the lock expired",
      },
    });
  });

  it("also when the deployment has no status at all, or its workflow set in_progress and died", () => {
    const { latestState: _s, latestDescription: _d, ...bare } = facts().deployment!;
    expect(decideLockExpiry(facts({ deployment: bare })).kind).toBe("expire");
    expect(decideLockExpiry(facts({ deployment: { ...bare, latestState: "in_progress", latestDescription: "Running ansible" } })).kind).toBe("expire");
  });

  it("writes the lock timeout as configured, seconds included", () => {
    const decision = decideLockExpiry(facts({ lockTimeoutMs: 15_000 }));
    expect(decision.kind === "expire" && decision.status.description).toBe("no status within 15s; the lock expired");
  });

  it.each(["success", "failure", "error", "inactive"])("does nothing when the deploy reported %s meanwhile", (state) => {
    expect(decideLockExpiry(facts({ deployment: { ...facts().deployment!, latestState: state } }))).toEqual({
      kind: "nothing",
      why: `the deploy reported ${state}`,
    });
  });

  it("leaves a deploy being verified to its verify, and looks again when the verify should have ended", () => {
    const deployment = {
      ...facts().deployment!,
      latestState: "in_progress",
      latestDescription: "Verifying https://example.org/version",
      latestAt: "2026-12-02T10:25:00.000Z",
    };
    expect(decideLockExpiry(facts({ deployment, verifyTimeoutMs: 600_000 }))).toEqual({ kind: "wait", until: "2026-12-02T10:37:00.000Z" });
  });

  it("ends a verify that ran past its timeout (its timers failed), saying so", () => {
    const deployment = {
      ...facts().deployment!,
      latestState: "in_progress",
      latestDescription: "Verifying https://example.org/version",
      latestAt: "2026-12-02T10:25:00.000Z",
    };
    const late = decideLockExpiry(facts({ deployment, verifyTimeoutMs: 600_000, now: "2026-12-02T10:37:00.000Z" }));
    expect(late.kind === "expire" && late.status.description).toBe("the verify did not end within 10m; the lock expired");
    const unknown = decideLockExpiry(facts({ deployment }));
    expect(unknown.kind === "expire" && unknown.status.description).toBe("the verify did not end; the lock expired");
  });

  it("does nothing when the lock is gone or held by someone else", () => {
    const { lock: _gone, ...free } = facts();
    expect(decideLockExpiry(free).kind).toBe("nothing");
    expect(decideLockExpiry(facts({ lock: { ...held, key: "lock:production:comment-9" } })).kind).toBe("nothing");
  });

  it("waits for a lock that expires later than the timer thought", () => {
    expect(decideLockExpiry(facts({ now: "2026-12-02T10:10:00.000Z" }))).toEqual({ kind: "wait", until: held.expiresAt });
  });
});

describe("lockExpiryTimers", () => {
  it("sets one check at the expiry of each lock a deploy takes", () => {
    const [timer, ...rest] = lockExpiryTimers([taken], 9);
    expect(rest).toEqual([]);
    expect(timer).toMatchObject({ repoKey: "acme/web", runAt: Date.parse("2026-12-02T10:30:00.000Z") });
    expect(decodeTimer(timer!.payload)).toEqual({
      kind: "lock-expiry",
      installationId: 9,
      repo,
      environment: "production",
      lockKey,
      expiresAt: "2026-12-02T10:30:00.000Z",
    });
  });

  it("reads the environment and app of an app's lock", () => {
    const app = { ...taken, key: `lock:production@api:deploy:production/api:abc:push-1`, environment: "production@api" };
    expect(decodeTimer(lockExpiryTimers([app], 9)[0]!.payload)).toMatchObject({ environment: "production", app: "api" });
  });

  it("sets none for a person's /lock or any other action", () => {
    // A person's lock names no deploy (lock-message.ts), whatever its key looks like.
    const { deploymentKey: _deploy, ...lock } = taken;
    const person: Action = { ...lock, key: "lock:production:comment-12", holder: "bob", reason: "db migration" };
    const comment: Action = { kind: "comment", key: deployKey, repo, issueNumber: 1, body: "hi" };
    expect(lockExpiryTimers([person, comment], 9)).toEqual([]);
  });
});
