// Section 5: deliveries processed per second by 1, 2 and 4 app processes sharing one Redis
// (REDIS_URL: one BullMQ queue), as a ratio to one process. Only run when the built app reads
// REDIS_URL; the caller decides that from the source.
import { type ChildProcess, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { startEmulator } from "../../test/emulator/index.js";
import { freePort } from "../../test/e2e/harness.js";
import { RELEASE_PILOT, queueMetrics, startBenchApp, type BenchApp } from "../lib/app.js";
import { runLoad } from "../lib/load.js";
import { acceptancePayloads } from "../lib/payloads.js";
import { ratio, round, sleep } from "../lib/stats.js";

export interface ScaleOutRow {
  readonly processes: number;
  readonly deliveries: number;
  readonly processed: number;
  readonly seconds: number;
  readonly perSecond: number;
  readonly ratioToOne: number;
}

export type ScaleOutSection = { readonly measured: true; readonly rows: readonly ScaleOutRow[] } | { readonly measured: false; readonly reason: string };

/** The app uses Redis when its runtime settings read REDIS_URL and hand it to the queue. */
export function appUsesRedis(): boolean {
  try {
    return (
      readFileSync("src/runtime/settings.ts", "utf8").includes('env["REDIS_URL"]') && readFileSync("src/app.ts", "utf8").includes("runtimeSettingsFromEnv")
    );
  } catch {
    return false;
  }
}

async function startRedis(): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePort();
  const child = spawn("redis-server", ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], { stdio: "ignore" });
  const url = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 100; i++) {
    const up = await new Promise<boolean>((resolve) => {
      const probe = spawn("redis-cli", ["-p", String(port), "ping"], { stdio: ["ignore", "pipe", "ignore"] });
      let out = "";
      probe.stdout.on("data", (d: Buffer) => (out += d.toString()));
      probe.on("exit", () => resolve(out.includes("PONG")));
    });
    if (up) return { url, child };
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error("redis-server did not answer");
}

export async function measureScaleOut(counts: readonly number[], deliveries: number, repos: number): Promise<ScaleOutSection> {
  if (!appUsesRedis()) return { measured: false, reason: "not measured: the app does not use Redis yet" };
  const rows: ScaleOutRow[] = [];
  for (const processes of counts) {
    const redis = await startRedis();
    const gh = await startEmulator();
    const apps: BenchApp[] = [];
    try {
      const payloads = Array.from({ length: repos }, (_, i) => {
        gh.createRepo({ owner: "acme", repo: `plain-${i}`, files: { "README.md": "no config here" } });
        return acceptancePayloads(gh, "acme", `plain-${i}`);
      });
      const mixed = payloads[0]!.flatMap((_, kind) => payloads.map((list) => list[kind]!));
      // Every replica needs the same secret, as behind a load balancer: start one, reuse its.
      const first = await startBenchApp(gh, RELEASE_PILOT, { REDIS_URL: redis.url });
      apps.push(first);
      for (let i = 1; i < processes; i++) apps.push(await startBenchApp(gh, RELEASE_PILOT, { REDIS_URL: redis.url, WEBHOOK_SECRET: first.secret }));
      const started = performance.now();
      // A round-robin balancer: each replica takes an equal share of the senders and deliveries.
      await Promise.all(
        apps.map(({ app }) =>
          runLoad({
            url: app.url,
            secret: first.secret,
            deliveries: mixed,
            concurrency: Math.max(1, Math.floor(32 / processes)),
            count: Math.ceil(deliveries / processes),
          }),
        ),
      );
      const sent = Math.ceil(deliveries / processes) * processes;
      let processed = 0;
      const deadline = Date.now() + 180_000;
      while (Date.now() < deadline) {
        const metrics = await Promise.all(apps.map(({ app }) => queueMetrics(app.url).catch(() => undefined)));
        processed = metrics.reduce((sum, m) => sum + (m?.processed ?? 0), 0);
        if (processed >= sent) break;
        await sleep(100);
      }
      const seconds = (performance.now() - started) / 1000;
      rows.push({ processes, deliveries: sent, processed, seconds: round(seconds, 1), perSecond: round(processed / seconds, 1), ratioToOne: Number.NaN });
      process.stdout.write(`  ${processes} process(es): ${processed}/${sent} processed in ${round(seconds, 1)} s\n`);
    } finally {
      await Promise.all(apps.map(({ app }) => app.kill()));
      await gh.close();
      redis.child.kill("SIGTERM");
    }
  }
  const one = rows.find((r) => r.processes === 1)?.perSecond ?? Number.NaN;
  return { measured: true, rows: rows.map((r) => ({ ...r, ratioToOne: ratio(r.perSecond, one) })) };
}
