import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createQueue } from "../../../src/runtime/queue/index.js";
import { readLog } from "./support/child-worker.js";
import { childStartMs, useMultiProcess } from "./support/multi-process.js";
import { waitFor } from "./support/wait-for.js";

const harness = useMultiProcess();

const backends = [
  { name: "sqlite", options: (dir: string) => harness.sqliteOptions(dir) },
  { name: "redis", options: () => harness.redisOptions("restart") },
];

describe.each(backends)("$name queue across a process kill", ({ options }) => {
  it("finishes, exactly once and in repo order, the jobs a killed process had in flight", async () => {
    const dir = harness.tempDir();
    const log = join(dir, "runs.log");
    const queue = createQueue(options(dir));
    const ids = ["a", "b", "c"].flatMap((repo) => [1, 2].map((n) => `${repo}-${n}`));
    for (const id of ids) await queue.enqueue({ id, name: "push", payload: { id }, repoKey: `o/${id[0]}` });
    await queue.close();

    const first = harness.spawn({ queue: options(dir), log, worker: "first", jobMs: 1_500, concurrency: 3 });
    await first.ready;
    await waitFor(() => readLog(log).length === 3, "three jobs in flight", childStartMs);
    await first.kill("SIGKILL");
    const interrupted = readLog(log);

    harness.spawn({ queue: options(dir), log, worker: "second", jobMs: 20, concurrency: 3 });
    await waitFor(() => readLog(log).filter((l) => l.event === "done").length >= ids.length, "every job done", childStartMs);

    const done = readLog(log).filter((line) => line.event === "done");
    expect(interrupted.map((line) => line.id).sort()).toEqual(["a-1", "b-1", "c-1"]);
    expect(done.map((line) => line.id).sort()).toEqual([...ids].sort());
    expect(new Set(done.map((line) => line.worker))).toEqual(new Set(["second"]));
    for (const repo of ["a", "b", "c"]) {
      expect(done.filter((line) => line.id.startsWith(repo)).map((line) => line.id)).toEqual([`${repo}-1`, `${repo}-2`]);
    }
  }, 45_000);
});
