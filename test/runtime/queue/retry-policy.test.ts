import { describe, expect, it } from "vitest";
import { decideAfterError, retryDelayMs, TransientError } from "../../../src/runtime/queue/retry-policy.js";

const policy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 6 };

describe("retryDelayMs", () => {
  it.each([
    { attempts: 1, random: 0, expected: 500 },
    { attempts: 1, random: 1, expected: 1_000 },
    { attempts: 3, random: 0.5, expected: 3_000 },
    { attempts: 6, random: 1, expected: 32_000 },
    { attempts: 8, random: 1, expected: 60_000 },
    { attempts: 20, random: 0, expected: 30_000 },
  ])("waits $expected ms after run $attempts with random $random", ({ attempts, random, expected }) => {
    expect(retryDelayMs(attempts, policy, () => random)).toBe(expected);
  });

  it("waits at least what the server asked for, even past the cap", () => {
    expect(retryDelayMs(1, policy, () => 0, 90_000)).toBe(90_000);
  });
});

describe("decideAfterError", () => {
  it.each([
    { error: new TransientError("502"), attempts: 1, kind: "retry" },
    { error: Object.assign(new Error("secondary rate limit"), { retryable: true }), attempts: 5, kind: "retry" },
    { error: new TransientError("502"), attempts: 6, kind: "fail" },
    { error: new Error("bad config"), attempts: 1, kind: "fail" },
    { error: "a string", attempts: 1, kind: "fail" },
  ])("decides $kind for $error after run $attempts", ({ error, attempts, kind }) => {
    expect(decideAfterError(error, attempts, policy, () => 0).kind).toBe(kind);
  });

  it("uses a TransientError's retryAfterMs", () => {
    const decision = decideAfterError(new TransientError("403", { retryAfterMs: 7_000 }), 1, policy, () => 0);
    expect(decision).toEqual({ kind: "retry", delayMs: 7_000, message: "403" });
  });
});
