import { describe, expect, it } from "vitest";
import { lockMessage } from "../../../src/github/actions/lock.js";
import { decodeLock, encodeLock, formatDuration, isExpired, lockDuration, lockRefName, lockScope, type Lock } from "../../../src/policy/deploy/lock.js";

const lock: Lock = {
  holder: "alice",
  reason: "release freeze",
  expiresAt: "2026-11-23T12:00:00.000Z",
  createdAt: "2026-11-23T10:00:00.000Z",
};

describe("lock names", () => {
  it.each([
    ["production", undefined, "refs/heads/release-pilot/lock/production"],
    ["production", "api", "refs/heads/release-pilot/lock/production@api"],
  ])("locks %s (app %s) on %s", (env, app, ref) => {
    expect(lockRefName(env, app)).toBe(ref);
  });

  it("keeps an app lock beside the environment lock, never under it, so git can hold both", () => {
    expect(lockScope("production", "api").startsWith("production/")).toBe(false);
  });
});

describe("encodeLock and decodeLock", () => {
  it("starts with a line a person can read", () => {
    expect(encodeLock(lock).split("\n")[0]).toBe("Release Pilot lock held by alice until 2026-11-23T12:00:00.000Z (release freeze)");
  });

  it.each([
    ["a person's lock", lock],
    [
      "a deploy's lock",
      { ...lock, reason: "deploying abc1234", deploymentKey: "deploy:production:abc:comment-1", key: "lock:production:deploy:production:abc:comment-1" },
    ],
    ["a lock without a reason", { ...lock, reason: "" }],
  ])("reads back %s unchanged", (_name, value) => {
    expect(decodeLock(encodeLock(value))).toEqual(value);
  });

  it("reads the lock message the executor writes", () => {
    const text = lockMessage({
      holder: "bob",
      reason: "deploying `abc1234`",
      expiresAt: "2026-11-23T12:00:00.000Z",
      now: "2026-11-23T11:00:00.000Z",
      key: "lock:production:deploy:production:abc:comment-1",
      deploymentKey: "deploy:production:abc:comment-1",
    });
    expect(text).toContain('"format": 2');
    expect(text).toContain('"by": "deploy"');
    expect(decodeLock(text)).toEqual({
      holder: "bob",
      reason: "deploying `abc1234`",
      expiresAt: "2026-11-23T12:00:00.000Z",
      createdAt: "2026-11-23T11:00:00.000Z",
      key: "lock:production:deploy:production:abc:comment-1",
      deploymentKey: "deploy:production:abc:comment-1",
    });
  });

  it("reads format 1 (JSON without a format) as the deploy or person it names", () => {
    const v1 =
      'Release Pilot lock held by alice until 2026-11-23T12:00:00.000Z\n\n{"holder":"alice","reason":"","expiresAt":"2026-11-23T12:00:00.000Z","key":"lock:production:comment-9"}\n';
    expect(decodeLock(v1)).toEqual({ holder: "alice", reason: "", expiresAt: "2026-11-23T12:00:00.000Z", key: "lock:production:comment-9" });
  });

  it.each([
    ["a format it does not know", '{"format":3,"by":"person","holder":"a","expiresAt":"2026-11-23T12:00:00Z"}'],
    ["no holder kind", '{"format":2,"holder":"a","expiresAt":"2026-11-23T12:00:00Z"}'],
    ["a deploy without its key", '{"format":2,"by":"deploy","holder":"a","expiresAt":"2026-11-23T12:00:00Z"}'],
  ])("does not guess at a message with %s", (_name, json) => {
    expect(decodeLock(`Lock\n\n${json}\n`)).toBeUndefined();
  });

  it.each([
    ["an empty message", ""],
    ["an ordinary commit message", "Fix the login page\n\nIt was broken."],
    ["JSON without a holder", 'Lock\n\n{"expiresAt":"2026-11-23T12:00:00Z"}'],
    ["JSON with a bad date", 'Lock\n\n{"holder":"a","expiresAt":"soon"}'],
    ["broken JSON", 'Lock\n\n{"holder":'],
  ])("reads no lock from %s", (_name, text) => {
    expect(decodeLock(text)).toBeUndefined();
  });
});

describe("isExpired", () => {
  it.each([
    ["2026-11-23T11:59:59.999Z", false],
    ["2026-11-23T12:00:00.000Z", true],
    ["2026-11-24T00:00:00.000Z", true],
  ])("at %s the lock is expired: %s", (now, expected) => {
    expect(isExpired(lock, now)).toBe(expected);
    expect(isExpired(lock, new Date(now))).toBe(expected);
  });

  it("treats an unreadable expiry as expired rather than held forever", () => {
    expect(isExpired({ expiresAt: "whenever" }, "2026-11-23T00:00:00Z")).toBe(true);
  });
});

describe("lockDuration", () => {
  it.each([
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["1d", 86_400_000],
    ["2H", 7_200_000],
    ["30d", 2_592_000_000],
    ["31d", undefined],
    ["0m", undefined],
    ["2w", undefined],
    ["1.5h", undefined],
    ["h", undefined],
    ["", undefined],
    ["99999999999d", undefined],
  ])("%j is %s ms", (text, ms) => {
    expect(lockDuration(text)).toBe(ms);
  });

  it.each([
    [86_400_000, "1d"],
    [7_200_000, "2h"],
    [5_400_000, "90m"],
    [90_000, "90s"],
    [30 * 86_400_000, "30d"],
    [1_234, "1s"],
  ])("formats %d ms as %s", (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });

  it("prints a huge duration as digits, as people write durations, never in exponent form", () => {
    // `approvals_within: 99999999999999999999d` as the config check once let through.
    const text = formatDuration(1e20 * 86_400_000);
    expect(text).toMatch(/^\d+[smhd]$/);
    expect(text).not.toContain("e+");
  });
});
