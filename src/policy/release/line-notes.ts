// The notes of a release cut on a maintenance line: the pull requests merged into that branch
// since the line's previous release, rendered as the draft notes are (notes.line, categories,
// exclude_labels). Used when the changelog gives no section for the release.
import type { AppConfig, Config } from "../config/index.js";
import { renderNotes } from "../notes/render.js";
import { pullsForApp } from "../notes/select.js";
import type { MergedPull } from "../notes/types.js";
import { matchTemplate } from "../template.js";
import type { ReleaseLine } from "./cut-facts.js";
import { schemeOf } from "./cut-version.js";
import { seriesOf } from "./line.js";

/** When the line's previous published release went out: its pull requests are already in it. */
export function lineNotesSince(
  config: Config,
  app: AppConfig,
  line: ReleaseLine,
  releases: readonly { readonly tag: string; readonly draft: boolean; readonly publishedAt: string | null }[],
): string | null {
  const scheme = schemeOf(config);
  let newest: { version: ReturnType<typeof scheme.parse>; at: string } | undefined;
  for (const release of releases) {
    const text = matchTemplate(app.tag, release.tag, { app: app.name })?.["version"];
    const version = text === undefined ? undefined : scheme.parse(text);
    if (release.draft || release.publishedAt === null || version === undefined || seriesOf(version) !== line.series) continue;
    if (newest?.version === undefined || scheme.compare(version, newest.version) > 0) newest = { version, at: release.publishedAt };
  }
  return newest?.at ?? null;
}

/** The notes, or undefined when notes are off or no pull request is left to list. */
export function lineNotes(
  config: Config,
  app: AppConfig,
  input: { readonly pulls: readonly MergedPull[]; readonly since: string | null; readonly version: string; readonly tag: string },
): string | undefined {
  if (config.notes === null) return undefined;
  const text = renderNotes(pullsForApp(app, input.pulls, input.since), { ...config.notes, app: app.name, version: input.version, tag: input.tag });
  return text === "" ? undefined : text.trimEnd();
}

/** Closed pull requests as the notes read them; a facts file may leave out the address and update time. */
export function mergedPulls(
  pulls: readonly (Omit<MergedPull, "url" | "updatedAt"> & { readonly url?: string; readonly updatedAt?: string })[],
  repoUrl: string,
): readonly MergedPull[] {
  return pulls.map((pull) => ({ ...pull, url: pull.url ?? `${repoUrl}/pull/${pull.number}`, updatedAt: pull.updatedAt ?? "" }));
}
