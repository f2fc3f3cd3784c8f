import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createQueue } from "../../src/runtime/queue/index.js";
import { run } from "./io.js";

/** A SQLite job store holding one failed delivery, as a crashed handler leaves it. */
async function storeWithFailedJob(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), "release-pilot-jobs-"));
  const queue = createQueue({ dataDir, retry: { maxAttempts: 1 }, pollIntervalMs: 10 });
  await queue.enqueue({ id: "delivery-1", name: "release", payload: {}, repoKey: "WordPress/openverse" });
  let failed = false;
  queue.start(async () => {
    failed = true;
    throw new Error("GitHub answered 500");
  });
  for (let i = 0; i < 200 && !(failed && (await queue.list({ state: "failed" })).length === 1); i += 1) await new Promise((r) => setTimeout(r, 10));
  await queue.stop();
  await queue.close();
  return dataDir;
}

describe("release-pilot jobs", () => {
  it("lists each job with its event, state, attempts and last error", async () => {
    const dataDir = await storeWithFailedJob();
    const result = await run(["jobs", "list"], { env: { DATA_DIR: dataDir } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/delivery-1 {2}release {2}failed {2}attempts=1 {2}WordPress\/openverse {2}.*GitHub answered 500/);
  });

  it("queues a failed job again on retry", async () => {
    const dataDir = await storeWithFailedJob();
    const retried = await run(["jobs", "retry", "delivery-1"], { env: { DATA_DIR: dataDir } });
    expect(retried).toMatchObject({ code: 0, stdout: "Job delivery-1 is queued again; a running app picks it up.\n" });
    const listed = await run(["jobs", "list"], { env: { DATA_DIR: dataDir } });
    expect(listed.stdout).toContain("delivery-1  release  queued");
  });

  it("refuses to retry a job that is not failed", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "release-pilot-jobs-"));
    const result = await run(["jobs", "retry", "nope"], { env: { DATA_DIR: dataDir } });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("Job nope is not a failed job");
  });
});
