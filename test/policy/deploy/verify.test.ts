import { describe, expect, it } from "vitest";
import {
  backoffMs,
  isVerifiedStatus,
  isVerifying,
  nextVerifyAttempt,
  nextVerifyStep,
  renderExpect,
  verifyStatus,
  type VerifyAnswer,
  type VerifyFacts,
} from "../../../src/policy/deploy/verify.js";
import { OLD_SHA, SHA } from "./builders.js";

const URL = "https://api.example.org/version";

function facts(answers: readonly VerifyAnswer[], elapsedMs = 0, overrides: Partial<VerifyFacts> = {}): VerifyFacts {
  return { url: URL, expected: SHA, timeoutMs: 60_000, elapsedMs, answers, ...overrides };
}

describe("nextVerifyStep", () => {
  it("asks at once before any answer", () => {
    expect(nextVerifyStep(facts([]))).toEqual({ kind: "continue", waitMs: 0 });
  });

  it("succeeds when the latest answer contains the expected text", () => {
    expect(nextVerifyStep(facts([{ status: 200, body: `{"sha":"${SHA}"}` }]))).toEqual({ kind: "succeed", description: `Verified ${URL}` });
  });

  it("does not count a server error that happens to contain the expected text", () => {
    expect(nextVerifyStep(facts([{ status: 500, body: `old ${SHA}` }])).kind).toBe("continue");
  });

  it.each([
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [4, 16_000],
    [5, 30_000],
    [9, 30_000],
  ])("after %i wrong answers waits %i ms", (count, waitMs) => {
    const answers = Array.from({ length: count }, () => ({ status: 200, body: OLD_SHA }));
    expect(nextVerifyStep(facts(answers, 1_000, { timeoutMs: 600_000 }))).toEqual({ kind: "continue", waitMs });
  });

  it("waits no longer than the time that is left", () => {
    expect(nextVerifyStep(facts([{ status: 200, body: OLD_SHA }], 59_000))).toEqual({ kind: "continue", waitMs: 1_000 });
  });

  it("fails saying the last answer did not match, without repeating its body", () => {
    const body = `${OLD_SHA} secret-token-from-an-internal-service`;
    const step = nextVerifyStep(facts([{ status: 200, body }], 60_000));
    expect(step).toEqual({ kind: "fail", description: `verify: ${URL} answered HTTP 200 without ${SHA}` });
    expect(step.kind === "fail" ? step.description : "").not.toContain("secret");
  });

  it("names the status and the unreachable server in the failure", () => {
    expect(nextVerifyStep(facts([{ status: 503, body: "down" }], 61_000))).toMatchObject({ description: `verify: ${URL} answered HTTP 503` });
    expect(nextVerifyStep(facts([{ error: "ECONNREFUSED" }], 61_000))).toMatchObject({ description: `verify: ${URL} could not be read: ECONNREFUSED` });
  });
});

describe("nextVerifyAttempt", () => {
  // One request per job: the timer keeps the count of earlier answers, not their bodies.
  it.each([
    [[{ status: 200, body: OLD_SHA }], 1_000],
    [[{ status: 200, body: OLD_SHA }, { status: 502, body: "" }, { error: "ECONNRESET" }], 10_000],
    [
      [
        { status: 200, body: OLD_SHA },
        { status: 200, body: SHA },
      ],
      5_000,
    ],
    [
      [
        { status: 200, body: OLD_SHA },
        { status: 200, body: OLD_SHA },
      ],
      61_000,
    ],
  ] as [VerifyAnswer[], number][])("decides as nextVerifyStep does with every answer kept (%j at %i ms)", (answers, elapsedMs) => {
    const answer = answers[answers.length - 1]!;
    const { answers: _all, ...rest } = facts(answers, elapsedMs);
    expect(nextVerifyAttempt({ ...rest, earlierAnswers: answers.length - 1, answer })).toEqual(nextVerifyStep(facts(answers, elapsedMs)));
  });
});

describe("isVerifying", () => {
  it("is the bot's in_progress status of a verify under way, and nothing else", () => {
    expect(isVerifying("in_progress", `Verifying ${URL}`)).toBe(true);
    expect(isVerifying("success", `Verifying ${URL}`)).toBe(false);
    expect(isVerifying("in_progress", "Deploying")).toBe(false);
    expect(isVerifying(undefined, null)).toBe(false);
  });
});

describe("backoffMs", () => {
  it("starts at two seconds and doubles up to thirty", () => {
    expect([1, 2, 3, 4, 5, 6].map(backoffMs)).toEqual([2_000, 4_000, 8_000, 16_000, 30_000, 30_000]);
  });
});

describe("renderExpect", () => {
  it.each([
    ["{sha}", SHA],
    ["version {sha7}", `version ${SHA.slice(0, 7)}`],
    ["{env}-{sha8}", `production-${SHA.slice(0, 8)}`],
  ])("renders %s from the deployment", (template, value) => {
    expect(renderExpect(template, { env: "production", sha: SHA })).toEqual({ ok: true, value });
  });

  it("says which token the deployment cannot fill", () => {
    const rendered = renderExpect("{version}", { env: "production", sha: SHA });
    expect(rendered.ok ? "" : rendered.error).toMatch(/^verify: .*\{version\}/);
  });
});

describe("verifyStatus", () => {
  it("marks the deployment in progress while the URL is read", () => {
    expect(verifyStatus({ owner: "o", repo: "r" }, 9, { kind: "start", url: URL }, "https://logs")).toEqual({
      kind: "set-deployment-status",
      key: "verify:9:in_progress",
      repo: { owner: "o", repo: "r" },
      deploymentId: 9,
      state: "in_progress",
      description: `Verifying ${URL}`,
      logUrl: "https://logs",
    });
  });

  it("treats only the bot's own verified success as final", () => {
    const done = verifyStatus({ owner: "o", repo: "r" }, 9, { kind: "succeed", description: `Verified ${URL}` });
    expect(isVerifiedStatus(done.description)).toBe(true);
    expect(isVerifiedStatus("Deployed by Ansible")).toBe(false);
    expect(isVerifiedStatus(null)).toBe(false);
  });
});
