// `npm run bench`: measures the built app against baselines in one run and writes
// bench/results/latest.json and latest.md. Every headline figure is a ratio to a baseline taken
// on the same machine in the same run, because absolute times on a shared 2-core box are noise.
// Knobs (environment): BENCH_SECONDS (each load phase, default 10), BENCH_RUNS (latency runs per
// scenario, default 3), BENCH_DELIVERIES (memory run, default 10000), BENCH_DRAIN_SECONDS
// (default 45), BENCH_SCALE_DELIVERIES (default 30 per BENCH_SECONDS).
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { renderReport, type BenchResults } from "./report.js";
import { measureAcceptance } from "./sections/acceptance.js";
import { changelogGrowth, markdownChangelogGrowth, memoryAfter, notesGrowth } from "./sections/growth.js";
import { measureScaleOut } from "./sections/scale-out.js";
import { measureScenarios } from "./sections/scenarios.js";

const num = (name: string, fallback: number): number => {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
};

const seconds = num("BENCH_SECONDS", 10);
const runs = num("BENCH_RUNS", 3);
const deliveries = num("BENCH_DELIVERIES", 10_000);
const drainSeconds = num("BENCH_DRAIN_SECONDS", 45);
const scaleDeliveries = num("BENCH_SCALE_DELIVERIES", 30 * seconds);
const started = Date.now();
const step = (title: string): void => {
  process.stdout.write(`\n[${Math.round((Date.now() - started) / 1000)} s] ${title}\n`);
};

step("1. webhook acceptance");
const acceptance = await measureAcceptance(seconds, [1, 32]);
step("2-3. API cost and end-to-end latency per scenario (emulator +50 ms per call)");
const scenarios = await measureScenarios(50, runs);
step("4. growth");
const changelog = changelogGrowth([100, 1_000, 10_000, 100_000]);
// 5 MB: the size at which a whole-file Markdown parse took 90 s and 2.7 GB.
const markdown = markdownChangelogGrowth([50, 500, 5_120]);
const notes = notesGrowth([30, 300, 3_000, 30_000]);
step(`4. memory after ${deliveries} deliveries`);
const memory = await memoryAfter(deliveries, 8, drainSeconds);
step("5. scale-out on Redis");
const scaleOut = await measureScaleOut([1, 2, 4], scaleDeliveries, 16);

const results: BenchResults = {
  at: new Date().toISOString(),
  machine: {
    cpus: cpus().length,
    model: cpus()[0]?.model ?? "unknown",
    node: process.version,
    loadAverageAtEnd: loadavg().map((l) => Math.round(l * 100) / 100),
  },
  settings: { seconds, runs, deliveries, drainSeconds, scaleDeliveries },
  wallSeconds: Math.round((Date.now() - started) / 1000),
  acceptance,
  scenarios,
  growth: { series: [changelog, markdown, notes], memory },
  scaleOut,
};
mkdirSync("bench/results", { recursive: true });
writeFileSync("bench/results/latest.json", `${JSON.stringify(results, null, 2)}\n`);
const report = renderReport(results);
writeFileSync("bench/results/latest.md", report.markdown);
step("summary");
process.stdout.write(`${report.summary.join("\n")}\nwrote bench/results/latest.json and bench/results/latest.md\n`);
