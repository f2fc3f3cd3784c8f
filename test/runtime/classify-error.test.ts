import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { ActionFailedError } from "../../src/github/execute.js";
import { FeaturesFailedError } from "../../src/features/feature.js";
import { classifyError } from "../../src/runtime/classify-error.js";
import { TransientError } from "../../src/runtime/queue/index.js";

const NOW = Date.parse("2026-01-10T12:00:00Z");

function httpError(status: number, headers: Record<string, string> = {}): RequestError {
  return new RequestError(`HTTP ${status}`, status, {
    request: { method: "POST", url: "https://api.github.com/repos/o/r/pulls", headers: {} },
    response: { status, url: "https://api.github.com/repos/o/r/pulls", headers, data: {} },
  });
}

function secondaryLimit(status: 403 | 429): RequestError {
  // The body GitHub sends, without retry-after and with requests left (recorded in the wild).
  const message = "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.";
  return new RequestError(message, status, {
    request: { method: "POST", url: "https://api.github.com/repos/o/r/issues/1/comments", headers: {} },
    response: { status, url: "https://api.github.com/repos/o/r/issues/1/comments", headers: { "x-ratelimit-remaining": "4000" }, data: { message } },
  });
}

function networkError(code: string): Error {
  return Object.assign(new Error(`connect ${code}`), { code });
}

const action = { kind: "comment", key: "k", repo: { owner: "o", repo: "r" } } as unknown as ConstructorParameters<typeof ActionFailedError>[0];

const isTransient = (error: unknown): boolean => classifyError(error, NOW) instanceof TransientError;
const waitOf = (error: unknown): number | undefined => {
  const classified = classifyError(error, NOW);
  return classified instanceof TransientError ? classified.retryAfterMs : undefined;
};

describe("classifyError", () => {
  it("waits at least a minute after a secondary rate limit that names no wait, as GitHub's docs ask", () => {
    expect(waitOf(secondaryLimit(403))).toBe(60_000);
    expect(waitOf(secondaryLimit(429))).toBe(60_000);
    expect(waitOf(httpError(429, { "retry-after": "5" }))).toBe(5_000);
  });

  it.each<[string, unknown, boolean]>([
    ["a 502 is transient", httpError(502), true],
    ["a 500 (how Octokit reports a dropped connection) is transient", httpError(500), true],
    ["a 429 is transient", httpError(429), true],
    ["a 403 with retry-after (secondary rate limit) is transient", httpError(403, { "retry-after": "30" }), true],
    ["a 403 with no requests left (primary rate limit) is transient", httpError(403, { "x-ratelimit-remaining": "0" }), true],
    ["a plain 403 (missing permission) is permanent", httpError(403), false],
    ["a 403 secondary rate limit without retry-after is transient", secondaryLimit(403), true],
    ["a 429 secondary rate limit without retry-after is transient", secondaryLimit(429), true],
    ["a 404 is permanent", httpError(404), false],
    ["a 422 is permanent", httpError(422), false],
    ["a connection reset is transient", networkError("ECONNRESET"), true],
    ["a fetch failure whose cause is a timeout is transient", new TypeError("fetch failed", { cause: networkError("UND_ERR_CONNECT_TIMEOUT") }), true],
    ["an aborted request is transient", Object.assign(new Error("aborted"), { name: "AbortError" }), true],
    ["a programming error is permanent", new TypeError("x is not a function"), false],
    ["a thrown string is permanent", "boom", false],
    ["an action that failed on a 502 is transient", new ActionFailedError(action, httpError(502), []), true],
    ["an action that failed on a 422 is permanent", new ActionFailedError(action, httpError(422), []), false],
    [
      "features failing on a 404 and a 502 are transient together",
      new FeaturesFailedError([
        { feature: "a", error: httpError(404) },
        { feature: "b", error: new ActionFailedError(action, httpError(502), []) },
      ]),
      true,
    ],
    ["features failing only permanently are permanent", new FeaturesFailedError([{ feature: "a", error: httpError(404) }]), false],
    ["webhooks' AggregateError around a 503 is transient", new AggregateError([httpError(503)], "handler failed"), true],
    ["an error marked retryable by another layer is transient", Object.assign(new Error("later"), { retryable: true }), true],
  ])("%s", (_name, error, transient) => {
    expect(isTransient(error)).toBe(transient);
  });

  it("waits as long as retry-after says", () => {
    expect(waitOf(httpError(403, { "retry-after": "30" }))).toBe(30_000);
  });

  it("waits until the primary rate limit resets", () => {
    expect(waitOf(httpError(403, { "x-ratelimit-remaining": "0", "x-ratelimit-reset": String(NOW / 1000 + 90) }))).toBe(90_000);
  });

  it("takes the longest wait among several transient failures", () => {
    const error = new FeaturesFailedError([
      { feature: "a", error: httpError(429, { "retry-after": "5" }) },
      { feature: "b", error: httpError(403, { "retry-after": "20" }) },
    ]);
    expect(waitOf(error)).toBe(20_000);
  });

  it("keeps the original error as the cause", () => {
    const original = httpError(502);
    expect((classifyError(original, NOW) as TransientError).cause).toBe(original);
  });

  it("returns a permanent error unchanged", () => {
    const original = httpError(404);
    expect(classifyError(original, NOW)).toBe(original);
  });

  it("stops following a loop of causes", () => {
    const a: Error & { cause?: unknown } = new Error("a");
    a.cause = a;
    expect(isTransient(a)).toBe(false);
  });
});
