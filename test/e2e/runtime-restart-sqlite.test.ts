// Accepted means kept: jobs stored in SQLite survive a SIGKILL and finish after a restart.
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { tempDataDir } from "../runtime/support/e2e.js";
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
