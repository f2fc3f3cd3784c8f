// Accepted means kept: jobs stored in SQLite survive a SIGKILL and finish after a restart, and
// a SIGTERM lets the running job finish before the process exits.
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../emulator/index.js";
import { apiTag, changelogPulls, makeSecrets, publishRelease, seedOpenverse, startRuntimeApp, storedJobs, tempDataDir } from "../runtime/support/e2e.js";
import { killAndRestart } from "../runtime/support/restart-scenario.js";

const dataDir = tempDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("restart with the SQLite job store", () => {
  it("finishes every release accepted before a SIGKILL once the app is back, each PR once", async () => {
    const figures = await killAndRestart({ dataDir });
    expect(figures.accepted).toBe(2);
    expect(figures.doneBeforeKill).toBeLessThan(2);
    expect([...figures.perTag.values()]).toEqual([1, 1]);
  }, 60_000);
});

describe("SIGTERM", () => {
  it("lets the running job finish, then exits 0", async () => {
    const gh = await startEmulator();
    const secrets = makeSecrets();
    const dir = tempDataDir();
    try {
      seedOpenverse(gh, "WordPress", "openverse");
      const app = await startRuntimeApp(gh, secrets, { dataDir: dir });
      const tag = apiTag(1);
      const sent = await app.deliver("release", publishRelease(gh, "WordPress", "openverse", tag));
      await app.waitFor(() => storedJobs(dir).some((job) => job.id === sent.deliveryId && job.state === "running"));
      expect(await app.stop(15_000)).toBe(0);
      expect(storedJobs(dir).find((job) => job.id === sent.deliveryId)?.state).toBe("done");
      expect(changelogPulls(gh, "WordPress", "openverse", [tag]).get(tag)).toBe(1);
      expect(gh.violations).toEqual([]);
    } finally {
      await gh.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
