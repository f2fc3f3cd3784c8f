// Kill the app (SIGKILL, no goodbye) right after it accepted several releases, start it again on
// the same job store, and check that every release still gets exactly one changelog PR.
import { expect } from "vitest";
import { startEmulator } from "../../emulator/index.js";
import { apiTag, changelogPulls, expectNoSecretsInLogs, makeSecrets, publishRelease, seedOpenverse, startRuntimeApp, type RuntimeApp } from "./e2e.js";

export interface RestartFigures {
  readonly accepted: number;
  readonly doneBeforeKill: number;
  readonly perTag: ReadonlyMap<string, number>;
}

export async function killAndRestart(options: {
  readonly dataDir: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly releases?: number;
}): Promise<RestartFigures> {
  const owner = "WordPress";
  const repo = "openverse";
  const secrets = makeSecrets();
  const gh = await startEmulator();
  const apps: RuntimeApp[] = [];
  try {
    seedOpenverse(gh, owner, repo);
    const tags = Array.from({ length: options.releases ?? 2 }, (_, i) => apiTag(i + 1));
    const first = await startRuntimeApp(gh, secrets, { dataDir: options.dataDir, env: options.env ?? {} });
    apps.push(first);
    let accepted = 0;
    for (const tag of tags) if ((await first.deliver("release", publishRelease(gh, owner, repo, tag))).status === 202) accepted++;
    await first.kill();
    // One repository's jobs run one at a time and each PR takes seconds: most are still queued.
    const doneBeforeKill = [...changelogPulls(gh, owner, repo, tags).values()].reduce((a, b) => a + b, 0);

    const second = await startRuntimeApp(gh, secrets, { dataDir: options.dataDir, env: options.env ?? {} });
    apps.push(second);
    await second.waitFor(() => [...changelogPulls(gh, owner, repo, tags).values()].every((n) => n >= 1), 40_000);
    await second.settle(1_000);
    const perTag = changelogPulls(gh, owner, repo, tags);
    await second.stop();
    expect(gh.violations).toEqual([]);
    expectNoSecretsInLogs(apps, gh, secrets);
    return { accepted, doneBeforeKill, perTag };
  } finally {
    for (const app of apps) await app.kill();
    await gh.close();
  }
}
