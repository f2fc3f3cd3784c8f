// GitHub failing now and then (502s, secondary rate limits) and the app killed once in the
// middle: every published release still ends with exactly one changelog PR, none lost, none
// doubled. The figures line makes a run comparable with the next.
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import {
  apiTag,
  changelogPulls,
  expectNoSecretsInLogs,
  makeSecrets,
  publishRelease,
  seedOpenverse,
  startRuntimeApp,
  tempDataDir,
  type RuntimeApp,
} from "../runtime/support/e2e.js";

const owner = "WordPress";
const repo = "openverse";
const SEED = 7;
const RELEASES = 3;
const secrets = makeSecrets();
const dataDir = tempDataDir();
let gh: Emulator;
const apps: RuntimeApp[] = [];

beforeAll(async () => {
  gh = await startEmulator();
  seedOpenverse(gh, owner, repo);
});

afterAll(async () => {
  for (const app of apps) await app.stop();
  await gh?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("faults and a kill", () => {
  it("gives every release exactly one changelog PR through 502s, rate limits and a SIGKILL", async () => {
    gh.setFaults({ rate502: 0.1, rateSecondaryLimit: 0.05, seed: SEED });
    const tags = Array.from({ length: RELEASES }, (_, i) => apiTag(i + 1));
    const first = await startRuntimeApp(gh, secrets, { dataDir });
    apps.push(first);
    let events = 0;
    for (const tag of tags) {
      expect((await first.deliver("release", publishRelease(gh, owner, repo, tag))).status).toBe(202);
      events++;
    }
    const pulls = (): number => [...changelogPulls(gh, owner, repo, tags).values()].reduce((a, b) => a + b, 0);
    // Mid-way: once the first PR is done, and while the others are still to come.
    await first.waitFor(() => pulls() >= 1, 30_000);
    await first.kill();
    const kills = 1;
    expect(pulls()).toBeLessThan(RELEASES);

    const second = await startRuntimeApp(gh, secrets, { dataDir });
    apps.push(second);
    await second.waitFor(() => [...changelogPulls(gh, owner, repo, tags).values()].every((n) => n >= 1), 45_000);
    await second.settle(1_000);

    const perTag = changelogPulls(gh, owner, repo, tags);
    const duplicates = [...perTag.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
    const lost = [...perTag.values()].filter((n) => n === 0).length;
    const faults = gh.calls.filter((call) => call.fault !== undefined).length;
    const jobRetries = apps.flatMap((app) => app.jsonLogs()).filter((line) => line["msg"] === "job run failed" && line["retryable"] === true).length;
    console.log(
      `runtime faults (seed ${SEED}): events ${events}, faults injected ${faults}, kills ${kills}, job retries ${jobRetries}, duplicates ${duplicates}, lost ${lost}`,
    );

    expect(faults).toBeGreaterThan(0);
    expect(duplicates).toBe(0);
    expect(lost).toBe(0);
    expect(gh.violations).toEqual([]);
    expectNoSecretsInLogs(apps, gh, secrets);
  }, 90_000);
});
