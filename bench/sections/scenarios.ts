// Sections 2 and 3: what each scenario costs in GitHub API calls (counted at the emulator,
// against the fewest calls the job needs) and how long it takes from the webhook to its last
// write when every call takes 50 ms and Probot's throttling spaces the writes as it would live.
import { startEmulator } from "../../test/emulator/index.js";
import { RELEASE_PILOT, startBenchApp } from "../lib/app.js";
import { startCallClock } from "../lib/call-clock.js";
import { percentile, round, sleep } from "../lib/stats.js";
import { scenarios, type Scenario } from "../scenarios.js";

export interface ScenarioRow {
  readonly name: string;
  readonly reads: number;
  readonly writes: number;
  readonly total: number;
  /** Requests counted against GitHub's primary rate limit: a 304 to a conditional request is free. */
  readonly points: number;
  readonly minimum: number;
  readonly minimumWhy: string;
  readonly overWhy?: string;
  readonly ratio: number;
  /** `METHOD route ×n`, in first-call order, from the first run. */
  readonly calls: readonly string[];
  /** Webhook to last write, ms, one per run. */
  readonly latenciesMs: readonly number[];
  readonly p50Ms: number;
  readonly p95Ms: number;
  /** Every run reached the scenario's end state. */
  readonly done: boolean;
  /** Runs whose call count differed from the first. */
  readonly unstableCost: boolean;
}

export interface ScenarioSection {
  readonly latencyMs: number;
  readonly runs: number;
  readonly rows: readonly ScenarioRow[];
  readonly violations: number;
  readonly appErrors: number;
}

/** Quiet long enough to be sure: Probot spaces writes 1 s apart and comments or issues 3 s. */
const QUIET_MS = Number(process.env["BENCH_QUIET_MS"] ?? 3_500);
const TIMEOUT_MS = 120_000;

function breakdown(calls: readonly { method: string; route: string }[]): string[] {
  const counted = new Map<string, number>();
  for (const call of calls) {
    if (call.route.startsWith("/app")) continue;
    const key = `${call.method} ${call.route}`;
    counted.set(key, (counted.get(key) ?? 0) + 1);
  }
  return [...counted].map(([key, n]) => (n > 1 ? `${key} ×${n}` : key));
}

export async function measureScenarios(latencyMs: number, runs: number, only?: (s: Scenario) => boolean): Promise<ScenarioSection> {
  const gh = await startEmulator();
  const { app, secret } = await startBenchApp(gh, RELEASE_PILOT);
  const clock = startCallClock(gh);
  const rows: ScenarioRow[] = [];
  try {
    for (const [index, scenario] of scenarios().entries()) {
      if (only && !only(scenario)) continue;
      const count = Math.min(runs, scenario.runs ?? runs);
      const latencies: number[] = [];
      let first: { reads: number; writes: number; total: number; points: number; calls: string[] } | undefined;
      let done = true;
      let unstable = false;
      if (scenario.warm) {
        const warm = scenario.setup(gh, `s${index}-warm`);
        clock.reset();
        await app.send(warm.event, warm.payload, { secret });
        const deadline = Date.now() + TIMEOUT_MS;
        while (!(warm.done() && clock.quietMs() >= QUIET_MS) && Date.now() < deadline) await sleep(20);
      }
      for (let run = 0; run < count; run++) {
        gh.setLatency(0);
        const trigger = scenario.setup(gh, `s${index}-run${run}`);
        gh.setLatency(latencyMs);
        clock.reset();
        const sent = await app.send(trigger.event, trigger.payload, { secret });
        if (sent.status >= 300) throw new Error(`${scenario.name}: webhook answered ${sent.status} ${sent.body}`);
        const deadline = Date.now() + TIMEOUT_MS;
        while (!(trigger.done() && clock.quietMs() >= QUIET_MS) && Date.now() < deadline) await sleep(20);
        done &&= trigger.done();
        const counts = gh.counts();
        if (first === undefined) first = { ...counts, calls: breakdown(gh.calls) };
        else if (counts.total !== first.total) unstable = true;
        const last = clock.lastWriteMs();
        if (last !== undefined) latencies.push(last);
        process.stdout.write(
          `  ${scenario.name} run ${run + 1}/${count}: ${counts.reads} reads, ${counts.writes} writes, ${counts.points} points, last write at ${last === undefined ? "-" : Math.round(last)} ms\n`,
        );
      }
      const cost = first ?? { reads: 0, writes: 0, total: 0, points: 0, calls: [] };
      rows.push({
        name: scenario.name,
        ...cost,
        minimum: scenario.minimum,
        minimumWhy: scenario.minimumWhy,
        ...(scenario.overWhy === undefined ? {} : { overWhy: scenario.overWhy }),
        ratio: round(cost.total / scenario.minimum, 2),
        latenciesMs: latencies.map((ms) => Math.round(ms)),
        p50Ms: Math.round(percentile(latencies, 50)),
        p95Ms: Math.round(percentile(latencies, 95)),
        done,
        unstableCost: unstable,
      });
    }
  } finally {
    clock.stop();
    gh.setLatency(0);
    await app.kill();
    await gh.close();
  }
  return { latencyMs, runs, rows, violations: gh.violations.length, appErrors: app.errorLogs().length };
}
