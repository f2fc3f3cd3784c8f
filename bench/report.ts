// Turns one run's measurements into bench/results/latest.md (a table per section, each with its
// target and whether this run met it) and the few lines printed at the end of `npm run bench`.
import type { AcceptanceSection } from "./sections/acceptance.js";
import type { GrowthSeries, MemoryResult } from "./sections/growth.js";
import type { ScaleOutSection } from "./sections/scale-out.js";
import type { ScenarioSection } from "./sections/scenarios.js";

export interface BenchResults {
  readonly at: string;
  readonly machine: { readonly cpus: number; readonly model: string; readonly node: string; readonly loadAverageAtEnd: readonly number[] };
  readonly settings: {
    readonly seconds: number;
    readonly runs: number;
    readonly deliveries: number;
    readonly drainSeconds: number;
    readonly scaleDeliveries: number;
  };
  readonly wallSeconds: number;
  readonly acceptance: AcceptanceSection;
  readonly scenarios: ScenarioSection;
  readonly growth: { readonly series: readonly GrowthSeries[]; readonly memory: MemoryResult };
  readonly scaleOut: ScaleOutSection;
}

const COST_TARGET = 1.25;
const LINEAR = 1.15;
const RSS_TARGET_MB = 256;
const verdict = (ok: boolean): string => (ok ? "met" : "**missed**");
const fmt = (n: number, digits = 2): string => (Number.isFinite(n) ? String(Math.round(n * 10 ** digits) / 10 ** digits) : "–");

const THROUGHPUT_TARGET = 0.7;
const P99_TARGET = 3;

type AcceptanceRow = AcceptanceSection["rows"][number];
const isBaseline = (r: AcceptanceRow): boolean => !r.app.startsWith("Release Pilot");
const acceptanceMet = (r: AcceptanceRow): boolean =>
  r.throughputRatio >= THROUGHPUT_TARGET && r.p99Ratio < P99_TARGET && r.result.over1s === 0 && r.result.errors === 0;

/** Each way a row missed, with by how much. */
function acceptanceShortfalls(r: AcceptanceRow): string[] {
  const out: string[] = [];
  if (r.throughputRatio < THROUGHPUT_TARGET)
    out.push(`throughput ${fmt(r.throughputRatio)}× (short of ${THROUGHPUT_TARGET}× by ${fmt(THROUGHPUT_TARGET - r.throughputRatio)})`);
  if (r.p99Ratio >= P99_TARGET) out.push(`p99 ${fmt(r.p99Ratio)}× (over ${P99_TARGET}× by ${fmt(r.p99Ratio - P99_TARGET)})`);
  if (r.result.over1s > 0) out.push(`${r.result.over1s} answered after 1 s`);
  if (r.result.errors > 0) out.push(`${r.result.errors} refused`);
  return out;
}

function acceptanceTable(a: AcceptanceSection): string[] {
  const rows = a.rows.map(
    (r) =>
      `| ${r.app} | ${r.concurrency} | ${fmt(r.result.perSecond, 0)} | ${fmt(r.result.p50Ms)} | ${fmt(r.result.p99Ms)} | ${fmt(r.result.maxMs, 0)} | ${fmt(r.throughputRatio)}× | ${fmt(r.p99Ratio)}× | ${r.result.over1s} | ${r.result.errors} | ${isBaseline(r) ? "baseline" : verdict(acceptanceMet(r))} |`,
  );
  const missed = a.rows.filter((r) => !isBaseline(r) && !acceptanceMet(r));
  return [
    "## 1. Webhook acceptance",
    "",
    `Signed deliveries over HTTP (keep-alive), ${a.seconds} s per row, closed loop: pull_request.opened (21 KB), a ten-commit push (12 KB) and pull_request.synchronize (24 KB) from @octokit/webhooks-examples, in turn. Each app is the built module under \`probot run\` (test/e2e/harness.ts) against the emulator. The baseline is a bare Probot app with a no-op handler (bench/fixtures/noop-app.js) in the same run.`,
    "",
    `Release Pilot's route in this run: ${a.intake}.`,
    "",
    `Target, at each concurrency: at least ${THROUGHPUT_TARGET}× bare Probot's throughput, p99 under ${P99_TARGET}× bare Probot's, no delivery answered after 1 s and none refused (GitHub gives up at 10 s and does not retry on its own).`,
    "",
    "| app | concurrency | deliveries/s | p50 ms | p99 ms | max ms | throughput vs bare | p99 vs bare | answered after 1 s | non-2xx | target |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    ...(missed.length === 0
      ? []
      : ["Missed:", "", ...missed.map((r) => `- ${r.app}, concurrency ${r.concurrency}: ${acceptanceShortfalls(r).join("; ")}.`), ""]),
    "Why: a 202 from Release Pilot means the delivery is on disk (SQLite, WAL, synchronous=FULL: one fsync per commit), so a crash or a deploy of the bot loses nothing GitHub thinks was delivered; the bare app stores nothing and its no-op handler returns at once. Deliveries that arrive together share one commit (group commit), so at concurrency 32 the fsync is spread over the batch; at concurrency 1 each delivery waits for a commit of its own, which no batching can remove without giving up that guarantee. The same process also replays the stored jobs while it answers, on the 2 cores the load generator and the emulator use too.",
    "",
  ];
}

function scenarioTables(s: ScenarioSection): string[] {
  const cost = s.rows.map((r) => {
    const budget = Math.floor(COST_TARGET * r.minimum);
    const over = r.ratio > COST_TARGET ? ` by ${r.total - budget} call${r.total - budget === 1 ? "" : "s"} (budget ${budget})` : "";
    return `| ${r.name} | ${r.reads} | ${r.writes} | ${r.total} | ${r.points ?? "-"} | ${r.minimum} | ${fmt(r.ratio)}× | ${verdict(r.ratio <= COST_TARGET)}${over} | ${r.done ? "yes" : "**no**"} |`;
  });
  const latency = s.rows.map((r) => `| ${r.name} | ${r.writes} | ${r.latenciesMs.length} | ${r.latenciesMs.join(", ")} | ${r.p50Ms} | ${r.p95Ms} |`);
  const details = s.rows.flatMap((r) => [
    `### ${r.name}`,
    "",
    `Minimum ${r.minimum}: ${r.minimumWhy}`,
    "",
    ...(r.ratio > COST_TARGET ? [`Why ${r.total} and not at most ${Math.floor(COST_TARGET * r.minimum)}: ${r.overWhy ?? "see the calls below"}.`, ""] : []),
    `Calls made (${r.total}, first run${r.unstableCost ? "; later runs differed" : ""}):`,
    "",
    ...r.calls.map((c) => `- ${c}`),
    "",
  ]);
  return [
    "## 2. GitHub API cost per scenario",
    "",
    "Counted at the emulator (`emulator.counts()`, app authentication excluded) for one webhook of each scenario on a freshly seeded repository. The minimum keeps the design's guarantees: a redelivered webhook must change nothing, so a write GitHub would duplicate (a comment, a deployment, a release draft) needs one lookup first, while a write GitHub refuses to duplicate (creating a ref answers 422, a reaction answers 200) needs none. Checklist opening is measured through `/checklist 2.6.0` (GWCelery's `open_on` includes `command`).",
    "",
    `Target: calls ≤ ${COST_TARGET}× the minimum.`,
    "",
    "Rate-limit points are the calls counted against GitHub's primary rate limit (`emulator.rateLimitPoints()`): a conditional request answered 304 costs none (GitHub's REST docs, \"Best practices for using the REST API\"). The `idle repeat` rows send the same kind of event a second time to the same repository (the first, unmeasured, warms the bot's ETag cache); their target is 0 points and at most one call.",
    "",
    "| scenario | reads | writes | calls | rate-limit points | minimum | ratio | target | effect seen |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | --- |",
    ...cost,
    "",
    "## 3. End-to-end latency",
    "",
    `From sending the webhook to the emulator's answer to the scenario's last write, with the emulator adding ${s.latencyMs} ms to every call and Probot's throttling on (writes 1 s apart; issues and comments, which notify people, 3 s apart), over ${s.runs} runs (the 3,000-PR notes: fewer, seeding them is slow). No target is set; the writes column explains most of it.`,
    "",
    "| scenario | writes | runs | each run, ms | p50 ms | p95 ms |",
    "| --- | ---: | ---: | --- | ---: | ---: |",
    ...latency,
    "",
    "The 3,000-PR notes row measures the emulator more than the app: with 3,000 PRs stored, the emulator takes about 0.7 to 1.4 s to serve each page of 100 closed PRs (it shapes every PR before slicing out the page; measured on its own while writing this benchmark), and the app reads 31 pages one after the other.",
    "",
    `Contract violations at the emulator: ${s.violations}; error logs from the app: ${s.appErrors}.`,
    "",
    "### Where each scenario's calls go",
    "",
    ...details,
  ];
}

function growthTables(series: readonly GrowthSeries[], m: MemoryResult): string[] {
  const blocks = series.flatMap((g) => [
    `### ${g.name}`,
    "",
    "| n | median ms | ms per 1,000 |",
    "| ---: | ---: | ---: |",
    ...g.points.map((p) => `| ${p.n.toLocaleString("en")} | ${fmt(p.ms, 3)} | ${fmt((p.ms / p.n) * 1000, 3)} |`),
    "",
    `Log-log slope k (time ∝ n^k): ${fmt(g.slope)} over all sizes, ${fmt(g.slopeLargest)} between the two largest. Target: linear or better (k ≤ ${LINEAR}): ${verdict(g.slopeLargest <= LINEAR)}.`,
    "",
  ]);
  return [
    "## 4. How cost grows",
    "",
    "Pure policy functions timed in the benchmark process (median of repeated calls after a warm-up). The CHANGES.rst files are generated in the shape of GWCelery's real one (test/fixtures/processes/gwcelery/): its own items reused, five per released section, ten unreleased, finalized into a release. The CHANGELOG.md files (n in KB, up to 5 MB) are Keep a Changelog files in the shape of keep-a-changelog's own (test/fixtures/processes/keep-a-changelog/): its release bodies reused, a compare link per release; a release's changelog work is timed: every heading scanned (codenames), finalize with the compare links, the release's notes, back to development.",
    "",
    ...blocks,
    "### Memory of the app process",
    "",
    `${m.deliveries.toLocaleString("en")} deliveries (the section 1 mix) to ${m.repos} repositories without config at concurrency 32, then waiting at most BENCH_DRAIN_SECONDS for the queue to empty. RSS from /proc/<pid>/status.`,
    "",
    "| at start | after the last answer | after the drain wait | peak (VmHWM) | jobs processed | queue drained | wait, s | target < 256 MB |",
    "| ---: | ---: | ---: | ---: | ---: | --- | ---: | --- |",
    `| ${m.rssAtStartMb} MB | ${m.rssAcceptedMb} MB | ${m.rssMb} MB | ${m.peakRssMb} MB | ${m.processed} of ${m.deliveries} | ${m.drained ? "yes" : "**no**"} | ${m.drainSeconds} | ${verdict(m.peakRssMb < RSS_TARGET_MB)} |`,
    "",
    ...(m.drained
      ? []
      : [
          `The queue did not drain in the wait: of ${m.deliveries.toLocaleString("en")} jobs stored, ${m.processed} were done (about ${fmt(m.processed / m.drainSeconds, 1)} a second counted over the wait alone; each job reads the config through the emulator, on the same 2 cores). Picking the next job costs the same at any backlog (one indexed pass for each repository's first queued job), so this is the rate of the jobs themselves. The RSS above is with the rest of the backlog still stored.`,
          "",
        ]),
  ];
}

function scaleOutTable(s: ScaleOutSection): string[] {
  if (!s.measured) return ["## 5. Scale-out", "", s.reason, ""];
  return [
    "## 5. Scale-out",
    "",
    "App processes sharing one `redis-server` (REDIS_URL, BullMQ), deliveries split evenly between them as a round-robin balancer would, over 16 repositories without config; time from the first delivery until every job is processed. The load generator, the emulator and every replica share the same 2 cores, so more processes than cores cannot scale here. No target is set.",
    "",
    "| processes | deliveries | processed | seconds | processed/s | ratio to one |",
    "| ---: | ---: | ---: | ---: | ---: | ---: |",
    ...s.rows.map((r) => `| ${r.processes} | ${r.deliveries} | ${r.processed} | ${r.seconds} | ${r.perSecond} | ${fmt(r.ratioToOne)}× |`),
    "",
  ];
}

/** Issue #19's target for events that change nothing: 0 points on repeat and at most one call. */
function idleSummary(s: ScenarioSection): string[] {
  const idle = s.rows.filter((row) => row.name.startsWith("idle repeat"));
  if (idle.length === 0) return [];
  const met = idle.every((row) => row.points === 0 && row.total <= 1);
  return [
    `idle events on repeat: ${idle.map((row) => `${row.points} points in ${row.total} call${row.total === 1 ? "" : "s"}`).join(", ")} (target 0 points, at most one call: ${met ? "met" : "missed"})`,
  ];
}

export function renderReport(r: BenchResults): { markdown: string; summary: string[] } {
  const misses = r.scenarios.rows.filter((row) => row.ratio > COST_TARGET);
  const summary = [
    ...r.acceptance.rows
      .filter((row) => !isBaseline(row))
      .map(
        (row) =>
          `acceptance c=${row.concurrency}, ${row.app}: ${fmt(row.throughputRatio)}× bare Probot's throughput, p99 ${fmt(row.p99Ratio)}×, ${row.result.over1s} answered after 1 s (${acceptanceMet(row) ? "met" : "missed"})`,
      ),
    `API cost: ${r.scenarios.rows.length - misses.length} of ${r.scenarios.rows.length} scenarios within ${COST_TARGET}× the minimum${misses.length ? ` (missed: ${misses.map((m) => `${m.name} ${fmt(m.ratio)}×`).join("; ")})` : ""}`,
    ...idleSummary(r.scenarios),
    ...r.growth.series.map((g) => `${g.name}: time ∝ n^${fmt(g.slopeLargest)} at the largest sizes`),
    `RSS after ${r.growth.memory.deliveries} deliveries: ${r.growth.memory.rssMb} MB (peak ${r.growth.memory.peakRssMb} MB)`,
    r.scaleOut.measured ? `scale-out: ${r.scaleOut.rows.map((row) => `${row.processes}→${fmt(row.ratioToOne)}×`).join(", ")}` : r.scaleOut.reason,
  ];
  const markdown = [
    "# Release Pilot benchmark",
    "",
    `Run at ${r.at} on ${r.machine.cpus} × ${r.machine.model}, Node ${r.machine.node}; load average at the end ${r.machine.loadAverageAtEnd.join(", ")} (other work shares these cores, so absolute figures are noisy: read the ratios). The whole run took ${r.wallSeconds} s.`,
    "",
    "Reproduce: `npm run bench` (builds, then `tsx bench/main.ts`). Quick run: `BENCH_SECONDS=3 BENCH_RUNS=1 BENCH_DELIVERIES=2000 npm run bench`.",
    `This run: BENCH_SECONDS=${r.settings.seconds} BENCH_RUNS=${r.settings.runs} BENCH_DELIVERIES=${r.settings.deliveries} BENCH_DRAIN_SECONDS=${r.settings.drainSeconds} BENCH_SCALE_DELIVERIES=${r.settings.scaleDeliveries}.`,
    "",
    "## Summary",
    "",
    ...summary.map((line) => `- ${line}`),
    "",
    ...acceptanceTable(r.acceptance),
    ...scenarioTables(r.scenarios),
    ...growthTables(r.growth.series, r.growth.memory),
    ...scaleOutTable(r.scaleOut),
  ].join("\n");
  return { markdown: `${markdown}\n`, summary };
}
