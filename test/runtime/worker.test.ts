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
  new RequestError(`HTTP ${status}`, status, { request: { method: "GET", url: "https://api.github.com/x", headers: {} }, response: { status, url: "", headers: {}, data: {} } });

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
});
