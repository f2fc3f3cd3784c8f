// Section 4: how the pure text work grows with its input (changelog parse + finalize, notes
// rendering), fitted as time ∝ n^k, and what the app process holds in memory after 10,000
// deliveries.
import { startEmulator } from "../../test/emulator/index.js";
import { markdownChangelog, rstChangelog } from "../../src/policy/changelog/index.js";
import { renderNotes, type MergedPull } from "../../src/policy/notes/index.js";
import { RELEASE_PILOT, drained, queueMetrics, rssMb, startBenchApp } from "../lib/app.js";
import { generateKeepAChangelog } from "../lib/changelog-md.js";
import { generateChangesRst } from "../lib/changes-rst.js";
import { runLoad } from "../lib/load.js";
import { acceptancePayloads } from "../lib/payloads.js";
import { logLogSlope, median, round } from "../lib/stats.js";

export interface GrowthPoint {
  readonly n: number;
  readonly ms: number;
  readonly bytes?: number;
}

export interface GrowthSeries {
  readonly name: string;
  readonly points: readonly GrowthPoint[];
  /** k in time ∝ n^k over all points, and over the two largest (where constant costs fade). */
  readonly slope: number;
  readonly slopeLargest: number;
}

export interface MemoryResult {
  readonly deliveries: number;
  readonly repos: number;
  /** Jobs finished when RSS was read; all of them when `drained`. */
  readonly processed: number;
  readonly drained: boolean;
  readonly drainSeconds: number;
  readonly rssAtStartMb: number;
  /** Right after the last delivery was answered. */
  readonly rssAcceptedMb: number;
  readonly rssMb: number;
  readonly peakRssMb: number;
}

/** Median ms of `fn`, repeated until 300 ms or 15 runs, at least 3. */
function timeIt(fn: () => unknown): number {
  fn();
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < 3 || (samples.length < 15 && performance.now() - started < 300)) {
    const t0 = performance.now();
    fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

function series(name: string, points: GrowthPoint[]): GrowthSeries {
  const value = points.map((p) => ({ n: p.n, value: p.ms }));
  return { name, points, slope: round(logLogSlope(value), 2), slopeLargest: round(logLogSlope(value.slice(-2)), 2) };
}

export function changelogGrowth(sizes: readonly number[]): GrowthSeries {
  const format = rstChangelog({ heading: '{version} "{codename}" ({date:YYYY-MM-DD})', unreleased: "{version} (unreleased)", empty: ["No changes yet."] });
  const points = sizes.map((n) => {
    const { text, unreleased } = generateChangesRst(n);
    const ms = timeIt(() => {
      format.parse(text);
      const result = format.finalize(text, { version: unreleased, codename: "Akkorokamui", date: "2024-12-01" });
      if ("error" in result) throw new Error(`finalize refused the generated file: ${result.error}`);
    });
    process.stdout.write(`  changelog ${n} entries (${Math.round(text.length / 1024)} KB): ${round(ms, 2)} ms\n`);
    return { n, ms: round(ms, 3), bytes: text.length };
  });
  return series("CHANGES.rst parse + finalize", points);
}

/**
 * A `/release`'s work on a CHANGELOG.md of `bytes` (n is the size in KB): the codenames used,
 * finalize with its compare links, the release notes, back to development. Edits read only the
 * head, so this is linear (the whole-file heading scan and the splices) and small.
 */
export function markdownChangelogGrowth(sizesKb: readonly number[]): GrowthSeries {
  const format = markdownChangelog({ heading: "{version} ({date:YYYY-MM-DD})", unreleased: "{version} (unreleased)", empty: ["No changes yet."] });
  const release = ({ text, next }: { text: string; next: string }) => {
    format.headings(text);
    const result = format.finalize(text, { version: next, date: "2024-12-01", tag: `v${next}` });
    if ("error" in result) throw new Error(`finalize refused the generated file: ${result.error}`);
    if (format.sectionFor(result.text, next) === undefined) throw new Error("no notes for the release");
    format.addUnreleased(result.text, { version: next, empty: "No changes yet." });
  };
  // micromark takes a hundred calls or so to reach its compiled speed; a release in a running
  // app has had them, so the series is timed warm.
  const small = generateKeepAChangelog(8 * 1024);
  for (let i = 0; i < 200; i += 1) release(small);
  const points = sizesKb.map((kb) => {
    const generated = generateKeepAChangelog(kb * 1024);
    const { text } = generated;
    const ms = timeIt(() => release(generated));
    process.stdout.write(`  CHANGELOG.md ${Math.round(text.length / 1024)} KB: ${round(ms, 2)} ms\n`);
    return { n: kb, ms: round(ms, 3), bytes: text.length };
  });
  return series("CHANGELOG.md (Keep a Changelog) release edits, n = KB", points);
}

function pulls(n: number): MergedPull[] {
  const labels = [["🌟 goal: addition"], ["🛠 goal: fix"], ["✨ goal: improvement"], ["🧰 goal: internal improvement"], []];
  return Array.from({ length: n }, (_, i) => ({
    number: i + 1,
    title: `Make the ${i}th thing a little better for everyone who uses it`,
    url: `https://github.com/WordPress/openverse/pull/${i + 1}`,
    author: `dev${i % 97}`,
    labels: ["🧱 stack: api", ...labels[i % labels.length]!],
    mergedAt: new Date(Date.UTC(2024, 0, 2) + i * 60_000).toISOString(),
    mergeCommitSha: null,
    updatedAt: new Date(Date.UTC(2024, 0, 2) + i * 60_000).toISOString(),
  }));
}

export function notesGrowth(sizes: readonly number[]): GrowthSeries {
  const settings = {
    line: "- {title} ([#{number}]({url})) by @{author}",
    categories: [
      { title: "New Features", labels: ["🌟 goal: addition"] },
      { title: "Improvements", labels: ["✨ goal: improvement"] },
      { title: "Internal Improvements", labels: ["🧰 goal: internal improvement"] },
      { title: "Bug Fixes", labels: ["🛠 goal: fix"] },
    ],
    excludeLabels: ["skip-changelog"],
    contributors: true,
  };
  const points = sizes.map((n) => {
    const list = pulls(n);
    const ms = timeIt(() => renderNotes(list, settings));
    process.stdout.write(`  notes ${n} PRs: ${round(ms, 2)} ms\n`);
    return { n, ms: round(ms, 3) };
  });
  return series("release notes render (renderNotes)", points);
}

/**
 * RSS of the Release Pilot process after `deliveries` webhooks spread over `repos` repositories
 * (one repository's jobs run in order, so one repository alone would take minutes to drain),
 * once its queue has drained or `drainSeconds` have passed.
 */
export async function memoryAfter(deliveries: number, repos: number, drainSeconds: number): Promise<MemoryResult> {
  const gh = await startEmulator();
  const payloads = Array.from({ length: repos }, (_, i) => {
    gh.createRepo({ owner: "acme", repo: `plain-${i}`, files: { "README.md": "no config here" } });
    return acceptancePayloads(gh, "acme", `plain-${i}`);
  });
  // Interleaved so consecutive deliveries go to different repositories, as they would live.
  const mixed = payloads[0]!.flatMap((_, kind) => payloads.map((list) => list[kind]!));
  const { app, secret } = await startBenchApp(gh, RELEASE_PILOT);
  try {
    const rssAtStartMb = round(rssMb(app.pid), 1);
    await runLoad({ url: app.url, secret, deliveries: mixed, concurrency: 32, count: deliveries });
    const rssAcceptedMb = round(rssMb(app.pid), 1);
    const t0 = performance.now();
    const empty = await drained([app.url], drainSeconds * 1000);
    const metrics = await queueMetrics(app.url);
    return {
      deliveries,
      repos,
      processed: metrics?.processed ?? Number.NaN,
      drained: empty,
      drainSeconds: round((performance.now() - t0) / 1000, 1),
      rssAtStartMb,
      rssAcceptedMb,
      rssMb: round(rssMb(app.pid), 1),
      peakRssMb: round(rssMb(app.pid, "VmHWM"), 1),
    };
  } finally {
    await app.kill();
    await gh.close();
  }
}
