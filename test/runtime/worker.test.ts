import { RequestError } from "@octokit/request-error";
import { describe, expect, it } from "vitest";
import { TransientError, type Job } from "../../src/runtime/queue/index.js";
import { createWorker, type Receiver } from "../../src/runtime/worker.js";

const job: Job = { id: "d-1", name: "release", payload: { action: "published" }, repoKey: "acme/web", attempts: 1, state: "running", enqueuedAt: 0 };
const log = { info: () => undefined, warn: () => undefined };
const now = () => 1_000;

function failingWith(error: unknown): Receiver {
  return {
    receive: async () => {
      throw new AggregateError([error], "handler failed");
    },
  };
}

const http = (status: number) =>
  new RequestError(`HTTP ${status}`, status, {
    request: { method: "GET", url: "https://api.github.com/x", headers: {} },
    response: { status, url: "", headers: {}, data: {} },
  });

describe("createWorker", () => {
  it("hands the stored event to Probot with its delivery id, name and payload", async () => {
    const received: unknown[] = [];
    await createWorker({ receive: async (event) => void received.push(event) }, { log, now })(job);
    expect(received).toEqual([{ id: "d-1", name: "release", payload: { action: "published" } }]);
  });

  it("turns a handler's 502 into a TransientError, so the queue retries", async () => {
    await expect(createWorker(failingWith(http(502)), { log, now })(job)).rejects.toBeInstanceOf(TransientError);
  });

  it("passes a handler's 404 on unchanged, so the queue fails the job", async () => {
    const error = await createWorker(failingWith(http(404)), { log, now })(job).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AggregateError);
  });

  it("reports each run's outcome for the metrics", async () => {
    const outcomes: string[] = [];
    const onRun = (_event: string, outcome: string) => void outcomes.push(outcome);
    await createWorker({ receive: async () => undefined }, { log, now, onRun })(job);
    await createWorker(failingWith(http(503)), { log, now, onRun })(job).catch(() => undefined);
    await createWorker(failingWith(http(422)), { log, now, onRun })(job).catch(() => undefined);
    expect(outcomes).toEqual(["success", "retry", "failure"]);
  });

  it("runs a timer the queue marked as one through onTimer, never through Probot", async () => {
    const received: unknown[] = [];
    const timers: string[] = [];
    const worker = createWorker({ receive: async (event) => void received.push(event) }, { log, now, onTimer: async (timer) => void timers.push(timer.id) });
    await worker({ ...job, id: "verify:acme/web:7:0", name: "release-pilot.timer", origin: "timer" });
    expect(timers).toEqual(["verify:acme/web:7:0"]);
    expect(received).toEqual([]);
  });

  it("hands a webhook named like a timer to Probot as the webhook it is", async () => {
    const received: unknown[] = [];
    const timers: string[] = [];
    const worker = createWorker({ receive: async (event) => void received.push(event) }, { log, now, onTimer: async (timer) => void timers.push(timer.id) });
    await worker({ ...job, name: "release-pilot.timer", payload: { v: 1, kind: "lock-expiry" } });
    expect(timers).toEqual([]);
    expect(received).toEqual([{ id: "d-1", name: "release-pilot.timer", payload: { v: 1, kind: "lock-expiry" } }]);
  });
});
