import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { TransientError } from "../../../src/runtime/queue/retry-policy.js";
import type { Job, JobQueue } from "../../../src/runtime/queue/types.js";
import { redisBackend, sqliteBackend, type Backend } from "./support/backends.js";
import { sleep, waitFor } from "./support/wait-for.js";

const backends: Backend[] = [sqliteBackend(), redisBackend()];

const fastRetry = { baseMs: 5, capMs: 20, maxAttempts: 3 };

describe.each(backends)("$name job queue", (backend) => {
  const open: JobQueue[] = [];
  const make: Backend["make"] = (options) => {
    const queue = backend.make(options);
    open.push(queue);
    return queue;
  };

  beforeAll(() => backend.setup());
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.close()));
  });
  afterAll(() => backend.teardown());

  it("accepts a delivery id once and refuses its redelivery", async () => {
    const queue = make();
    const job = { id: "d-1", name: "push", payload: { ref: "main" }, repoKey: "o/r" };

    expect(await queue.enqueue(job)).toEqual({ accepted: true });
    expect(await queue.enqueue({ ...job, payload: { ref: "other" } })).toEqual({ accepted: false });

    const jobs = await queue.list();
    expect(jobs.map((j) => [j.id, j.state, j.payload])).toEqual([["d-1", "queued", { ref: "main" }]]);
    expect(await queue.depth()).toBe(1);
  });

  it("refuses a redelivery of a job already done", async () => {
    const queue = make();
    const job = { id: "d-2", name: "push", payload: null, repoKey: "o/r" };
    await queue.enqueue(job);
    queue.start(async () => {});
    await waitFor(async () => (await queue.depth()) === 0, "the job done");

    expect(await queue.enqueue(job)).toEqual({ accepted: false });
    expect(await queue.list()).toMatchObject([{ id: "d-2", state: "done" }]);
  });

  it("keeps delivery ids of any shape, numbers and colons included", async () => {
    const queue = make();
    const ran: string[] = [];
    for (const id of ["12345", "a:b", "~x", "72d3162e-cc78-11e3-81ab-4c9367dc0958"]) {
      expect(await queue.enqueue({ id, name: "ping", payload: { id }, repoKey: "o/r" })).toEqual({ accepted: true });
    }
    expect(await queue.enqueue({ id: "12345", name: "ping", payload: null, repoKey: "o/r" })).toEqual({ accepted: false });

    queue.start(async (job) => void ran.push(job.id));
    await waitFor(async () => (await queue.depth()) === 0, "all jobs done");

    expect(ran).toEqual(["12345", "a:b", "~x", "72d3162e-cc78-11e3-81ab-4c9367dc0958"]);
    expect((await queue.list({ state: "done" })).map((job) => job.payload)).toEqual(ran.map((id) => ({ id })));
  });

  it("runs one repo's jobs in order and different repos in parallel", async () => {
    const queue = make();
    const log: string[] = [];
    let running = 0;
    let maxRunning = 0;
    const runningRepos = new Set<string>();
    for (let i = 0; i < 5; i++) {
      for (const repo of ["o/a", "o/b", "o/c"]) {
        await queue.enqueue({ id: `${repo}#${i}`, name: "push", payload: { i }, repoKey: repo });
      }
    }

    queue.start(
      async (job) => {
        expect(runningRepos.has(job.repoKey)).toBe(false);
        runningRepos.add(job.repoKey);
        maxRunning = Math.max(maxRunning, ++running);
        await sleep(15);
        log.push(job.id);
        running--;
        runningRepos.delete(job.repoKey);
      },
      { concurrency: 3 },
    );
    await waitFor(async () => (await queue.depth()) === 0, "all jobs done");

    for (const repo of ["o/a", "o/b", "o/c"]) {
      expect(log.filter((id) => id.startsWith(repo))).toEqual([0, 1, 2, 3, 4].map((i) => `${repo}#${i}`));
    }
    expect(maxRunning).toBeGreaterThan(1);
  });

  it("retries a transient error with backoff, then succeeds", async () => {
    const onFailed = vi.fn();
    const queue = make({ retry: fastRetry, onFailed, random: () => 0.5 });
    const seen: number[] = [];
    await queue.enqueue({ id: "t-1", name: "push", payload: null, repoKey: "o/r" });

    queue.start(async (job) => {
      seen.push(job.attempts);
      if (job.attempts < 3) throw new TransientError("GitHub answered 502");
    });
    await waitFor(async () => (await queue.list({ state: "done" })).length === 1, "the job done");

    expect(seen).toEqual([1, 2, 3]);
    const [job] = await queue.list();
    expect(job).toMatchObject({ state: "done", attempts: 3 });
    expect(onFailed).not.toHaveBeenCalled();
  });

  it("marks a job failed after a permanent error, tells onFailed, and retry() runs it again", async () => {
    const failures: [Job, unknown][] = [];
    const queue = make({ retry: fastRetry, onFailed: (job, error) => void failures.push([job, error]) });
    let broken = true;
    await queue.enqueue({ id: "p-1", name: "issue_comment", payload: { n: 1 }, repoKey: "o/r" });

    queue.start(async () => {
      if (broken) throw new Error("config is invalid");
    });
    await waitFor(() => failures.length === 1, "onFailed");

    expect(failures[0]?.[0]).toMatchObject({ id: "p-1", state: "failed", attempts: 1, lastError: "config is invalid" });
    expect(failures[0]?.[1]).toBeInstanceOf(Error);
    expect(await queue.list({ state: "failed" })).toMatchObject([{ id: "p-1", lastError: "config is invalid" }]);

    broken = false;
    expect(await queue.retry("p-1")).toBe(true);
    await waitFor(async () => (await queue.list({ state: "done" })).length === 1, "the retried job done");
    expect(await queue.retry("p-1")).toBe(false);
    expect(failures).toHaveLength(1);
  });

  it("fails a job whose transient errors outlast its attempts", async () => {
    const onFailed = vi.fn();
    const queue = make({ retry: fastRetry, onFailed });
    await queue.enqueue({ id: "x-1", name: "push", payload: null, repoKey: "o/r" });

    queue.start(async () => {
      throw new TransientError("still 503");
    });
    await waitFor(() => onFailed.mock.calls.length === 1, "onFailed");

    expect(await queue.list()).toMatchObject([{ id: "x-1", state: "failed", attempts: 3, lastError: "still 503" }]);
  });

  it("keeps a later job of a repo waiting while an earlier one backs off", async () => {
    const queue = make({ retry: { baseMs: 60, capMs: 60, maxAttempts: 2 }, random: () => 1 });
    const order: string[] = [];
    await queue.enqueue({ id: "first", name: "push", payload: null, repoKey: "o/r" });
    await queue.enqueue({ id: "second", name: "push", payload: null, repoKey: "o/r" });

    queue.start(async (job) => {
      order.push(`${job.id}@${job.attempts}`);
      if (job.id === "first" && job.attempts === 1) throw new TransientError("try later");
    });
    await waitFor(async () => (await queue.depth()) === 0, "both jobs done");

    expect(order).toEqual(["first@1", "first@2", "second@1"]);
  });

  // Item 11 of issue #12: a verify that polls inside its job held the repository's queue; each
  // attempt is now a timer, which must leave the repo's webhooks free while it waits.
  it("runs a timer when it is due, holding back none of its repo's jobs while it waits", async () => {
    const queue = make();
    const ran: { id: string; origin: string | undefined; at: number }[] = [];
    const runAt = Date.now() + 400;
    expect(await queue.schedule({ id: "timer:verify:1", name: "release-pilot.timer", payload: { attempt: 1 }, repoKey: "o/r", runAt })).toEqual({
      accepted: true,
    });
    await queue.enqueue({ id: "after-timer", name: "push", payload: null, repoKey: "o/r" });
    // A waiting timer is no job yet: the depth (a metric, what shutdown waits for) leaves it out.
    expect(await queue.depth()).toBe(1);
    expect((await queue.list()).map((job) => job.id)).toEqual(["after-timer"]);

    queue.start(async (job) => void ran.push({ id: job.id, origin: job.origin, at: Date.now() }));
    await waitFor(() => ran.length === 2, "the webhook and the timer run", 5_000);

    expect(ran.map((run) => [run.id, run.origin])).toEqual([
      ["after-timer", undefined],
      ["timer:verify:1", "timer"],
    ]);
    expect(ran[0]!.at).toBeLessThan(runAt);
    expect(ran[1]!.at).toBeGreaterThanOrEqual(runAt);
    await waitFor(async () => (await queue.depth()) === 0, "both recorded done");
    expect((await queue.list({ state: "done" })).find((job) => job.id === "timer:verify:1")).toMatchObject({ payload: { attempt: 1 }, origin: "timer" });
  });

  it("keeps one timer per id, waiting or run", async () => {
    const queue = make();
    const ran: string[] = [];
    const timer = { id: "timer:lock:a", name: "release-pilot.timer", payload: null, repoKey: "o/r", runAt: Date.now() };
    expect(await queue.schedule(timer)).toEqual({ accepted: true });
    expect(await queue.schedule({ ...timer, payload: { second: true } })).toEqual({ accepted: false });
    queue.start(async (job) => void ran.push(job.id));
    await waitFor(() => ran.length === 1, "the timer run");
    await waitFor(async () => (await queue.depth()) === 0, "the timer done");

    expect(await queue.schedule(timer)).toEqual({ accepted: false });
    await sleep(100);
    expect(ran).toEqual(["timer:lock:a"]);
  });

  it("keeps a waiting timer across a restart", async () => {
    const open = backend.store();
    const first = open();
    await first.schedule({ id: "timer:restart", name: "release-pilot.timer", payload: { n: 1 }, repoKey: "o/r", runAt: Date.now() + 200 });
    await first.close();

    const second = open();
    const ran: unknown[] = [];
    try {
      second.start(async (job) => void ran.push([job.id, job.origin, job.payload]));
      await waitFor(() => ran.length === 1, "the timer run after the restart", 5_000);
    } finally {
      await second.close();
    }
    expect(ran).toEqual([["timer:restart", "timer", { n: 1 }]]);
  });

  it("reports healthy while open and not after close", async () => {
    const queue = backend.make();
    expect(await queue.healthy()).toBe(true);
    await queue.close();
    expect(await queue.healthy()).toBe(false);
  });
});
