import { join } from "node:path";
import { expect, it } from "vitest";
import { createQueue } from "../../../src/runtime/queue/index.js";
import { readLog } from "./support/child-worker.js";
import { useMultiProcess } from "./support/multi-process.js";
import { waitFor } from "./support/wait-for.js";

const harness = useMultiProcess();

it("shares 1,000 jobs between two replicas, each run once and each repo in order", async () => {
  const log = join(harness.tempDir(), "runs.log");
  const options = harness.redisOptions("shared");
  const queue = createQueue(options);
  const repos = Array.from({ length: 100 }, (_, r) => `repo${r}`);
  const idsOf = (repo: string) => Array.from({ length: 10 }, (_, n) => `${repo}-${n}`);
  // Repo after repo, so the replicas first find one repo's ten jobs at the front of the
  // queue and must hold back all but its head. One connection runs the enqueue scripts in
  // call order, so the sequence of a repo's jobs is the order of idsOf even when sent together.
  for (const repo of repos) {
    await Promise.all(idsOf(repo).map((id) => queue.enqueue({ id, name: "push", payload: null, repoKey: `o/${repo}` })));
  }
  // The whole backlog waits before either replica starts: most jobs then find their repo
  // busy at first, which is what the per-repo order has to survive.
  const workers = ["one", "two"].map((worker) => harness.spawn({ queue: options, log, worker, jobMs: 1, concurrency: 8 }));
  await Promise.all(workers.map((worker) => worker.ready));
  await waitFor(() => readLog(log).filter((l) => l.event === "done").length >= 1_000, "1,000 jobs done", 45_000);
  await waitFor(async () => (await queue.depth()) === 0, "the queue drained");
  await queue.close();

  const done = readLog(log).filter((line) => line.event === "done");
  const runsPerId = new Map<string, number>();
  for (const line of done) runsPerId.set(line.id, (runsPerId.get(line.id) ?? 0) + 1);
  expect(runsPerId.size).toBe(1_000);
  expect([...runsPerId.values()].filter((n) => n !== 1)).toEqual([]);
  expect(done.filter((line) => line.worker === "one").length).toBeGreaterThan(0);
  expect(done.filter((line) => line.worker === "two").length).toBeGreaterThan(0);
  for (const repo of repos) {
    expect(done.filter((line) => line.id.startsWith(`${repo}-`)).map((line) => line.id)).toEqual(idsOf(repo));
  }
  // Two child processes and a thousand jobs on a two-core machine that also runs other suites.
}, 60_000);
