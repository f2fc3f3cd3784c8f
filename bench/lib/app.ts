// Starting the apps under test the way the e2e tests do (the built app as its own `probot run`
// process), with a secret the load generator knows, and reading what they report about
// themselves: queue depth and jobs processed from /metrics, memory from /proc.
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Emulator } from "../../test/emulator/index.js";
import { startApp, type AppProcess } from "../../test/e2e/harness.js";
import { sleep } from "./stats.js";

export interface BenchApp {
  readonly app: AppProcess;
  readonly secret: string;
}

export const RELEASE_PILOT = "./dist/index.js";
export const NOOP_APP = "./bench/fixtures/noop-app.js";

export async function startBenchApp(emulator: Emulator, appPath: string, env: Readonly<Record<string, string>> = {}): Promise<BenchApp> {
  const secret = `bench-${randomUUID()}`;
  // Info logs of every accepted webhook would make the benchmark measure the log pipe; warnings
  // and errors still come through.
  const app = await startApp({ emulator, appPath, startTimeoutMs: 60_000, env: { WEBHOOK_SECRET: secret, LOG_LEVEL: "warn", ...env } });
  return { app, secret };
}

/** Resident memory of a process in MB, from the kernel's own accounting. */
export function rssMb(pid: number | undefined, field: "VmRSS" | "VmHWM" = "VmRSS"): number {
  if (pid === undefined) return Number.NaN;
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1]);
  return kb / 1024;
}

export interface QueueMetrics {
  readonly depth: number;
  readonly processed: number;
  readonly received: number;
}

function sumOf(text: string, name: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (rest[0] !== " " && rest[0] !== "{") continue;
    total += Number(line.split(" ").pop());
  }
  return total;
}

/** Undefined when the app serves no /metrics (the bare Probot baseline). */
export async function queueMetrics(url: string): Promise<QueueMetrics | undefined> {
  const res = await fetch(`${url}/metrics`);
  const text = await res.text();
  if (res.status !== 200 || !text.includes("release_pilot_queue_depth")) return undefined;
  return {
    depth: sumOf(text, "release_pilot_queue_depth"),
    processed: sumOf(text, "release_pilot_events_processed_total"),
    received: sumOf(text, "release_pilot_events_received_total"),
  };
}

/** Wait until every app's queue is empty; returns false when `timeoutMs` passed first. */
export async function drained(urls: readonly string[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const all = await Promise.all(urls.map((url) => queueMetrics(url).catch(() => undefined)));
    if (all.every((m) => m !== undefined && m.depth === 0)) return true;
    await sleep(200);
  }
  return false;
}
