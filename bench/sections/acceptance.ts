// Section 1: how fast the webhook route answers signed deliveries, Release Pilot against a bare
// Probot app with a no-op handler, same machine, same run, same payloads.
import { readFileSync } from "node:fs";
import { startEmulator } from "../../test/emulator/index.js";
import { NOOP_APP, RELEASE_PILOT, queueMetrics, startBenchApp } from "../lib/app.js";
import { runLoad, type LoadResult } from "../lib/load.js";
import { acceptancePayloads } from "../lib/payloads.js";
import { ratio } from "../lib/stats.js";
import { workflowsFor } from "../../test/emulator/workflow-files.js";

export interface AcceptanceRow {
  readonly app: string;
  readonly concurrency: number;
  readonly result: LoadResult;
  /** Throughput and p99 as ratios to the bare Probot app at the same concurrency. */
  readonly throughputRatio: number;
  readonly p99Ratio: number;
}

export interface AcceptanceSection {
  readonly seconds: number;
  readonly rows: readonly AcceptanceRow[];
  /** What answered Release Pilot's webhook route in this run. */
  readonly intake: string;
}

interface Variant {
  readonly name: string;
  readonly appPath: string;
  readonly owner: string;
  readonly repo: string;
}

const VARIANTS: readonly Variant[] = [
  { name: "bare Probot (no-op handler)", appPath: NOOP_APP, owner: "acme", repo: "plain" },
  { name: "Release Pilot, repo without config", appPath: RELEASE_PILOT, owner: "acme", repo: "plain" },
  { name: "Release Pilot, Openverse config", appPath: RELEASE_PILOT, owner: "WordPress", repo: "openverse" },
];

export async function measureAcceptance(seconds: number, concurrencies: readonly number[]): Promise<AcceptanceSection> {
  const gh = await startEmulator();
  gh.createRepo({ owner: "acme", repo: "plain", files: { "README.md": "no config here" } });
  gh.createRepo({
    owner: "WordPress",
    repo: "openverse",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/openverse.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/openverse.yml", "utf8")),
      "api/manage.py": "",
    },
  });
  const raw: { variant: Variant; concurrency: number; result: LoadResult }[] = [];
  let intake = "unknown";
  try {
    for (const variant of VARIANTS) {
      const { app, secret } = await startBenchApp(gh, variant.appPath);
      try {
        const deliveries = acceptancePayloads(gh, variant.owner, variant.repo);
        // Warm the JIT and the connection pool before anything is timed.
        await runLoad({ url: app.url, secret, deliveries, concurrency: 4, count: 60 });
        if (variant.appPath === RELEASE_PILOT) intake = await describeIntake(app.url);
        for (const concurrency of concurrencies) {
          const result = await runLoad({ url: app.url, secret, deliveries, concurrency, seconds });
          raw.push({ variant, concurrency, result });
          process.stdout.write(`  ${variant.name} c=${concurrency}: ${result.perSecond}/s p50 ${result.p50Ms} ms p99 ${result.p99Ms} ms\n`);
        }
      } finally {
        await app.kill();
      }
    }
  } finally {
    await gh.close();
  }
  const baseline = (c: number) => raw.find((r) => r.variant.appPath === NOOP_APP && r.concurrency === c)?.result;
  const rows = raw.map(({ variant, concurrency, result }) => {
    const base = baseline(concurrency);
    return {
      app: variant.name,
      concurrency,
      result,
      throughputRatio: base ? ratio(result.perSecond, base.perSecond) : Number.NaN,
      p99Ratio: base ? ratio(result.p99Ms, base.p99Ms) : Number.NaN,
    };
  });
  return { seconds, rows, intake };
}

/** The durable intake answers 202 and serves queue metrics; Probot's own route answers 200. */
async function describeIntake(url: string): Promise<string> {
  const metrics = await queueMetrics(url).catch(() => undefined);
  return metrics === undefined
    ? "Probot's own webhook route (handlers run before the answer)"
    : "durable intake (src/runtime/intake.ts): verify, store in the SQLite job queue (WAL, synchronous=FULL), answer 202; workers replay the job through app.receive afterwards";
}
