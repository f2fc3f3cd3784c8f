import type { FeatureContext } from "./feature.js";
import { notFoundAsUndefined } from "../github/client.js";
import { readFile } from "../github/git.js";
import type { Config, DownstreamConfig } from "../policy/config/index.js";
import type { RepoRef } from "../policy/plan.js";
import { planDownstreamPins, type DownstreamFacts, type DownstreamFile } from "../policy/release/downstream.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

type ReleaseContext = FeatureContext<"release.published">;

// The installation token reaches the downstream repository only when the app is installed
// there too; a 404 is kept as a fact so the person hears what to do instead of a bare error.
async function downstreamFile(context: ReleaseContext, entry: DownstreamConfig): Promise<DownstreamFile> {
  const { octokit } = context;
  const facts = { repo: entry.repo, file: entry.file, package: entry.package };
  const found = await notFoundAsUndefined(octokit.rest.repos.get({ ...entry.repo }));
  if (found === undefined) {
    context.log.warn({ delivery: context.id, repo: entry.repo }, "downstream repository answered 404; is Release Pilot installed there?");
    return { ...facts, base: undefined, content: undefined, reachable: false };
  }
  const base = entry.branch ?? found.data.default_branch;
  return { ...facts, base, content: await readFile(octokit, entry.repo, entry.file, base), reachable: true };
}

async function releasedCommit(context: ReleaseContext, tag: string): Promise<string | undefined> {
  const repo = context.repo();
  const ref = await notFoundAsUndefined(context.octokit.rest.git.getRef({ ...repo, ref: `tags/${tag}` }));
  if (ref === undefined) return undefined;
  if (ref.data.object.type !== "tag") return ref.data.object.sha;
  const { data } = await context.octokit.rest.git.getTag({ ...repo, tag_sha: ref.data.object.sha });
  return data.object.sha;
}

/** Whether a release raises pins at all: nothing is read for a candidate or without downstream entries. */
export function raisesPins(config: Config, release: { readonly draft: boolean; readonly prerelease: boolean }): boolean {
  return config.downstream.length > 0 && !release.prerelease && !release.draft;
}

/** The pin decision's facts, once each downstream file and the released commit are read (shared with `release-pilot plan`). */
export function downstreamFacts(
  config: Config,
  repo: RepoRef,
  release: { readonly tag_name: string; readonly html_url: string; readonly draft: boolean; readonly prerelease: boolean },
  downstream: readonly DownstreamFile[],
  sha: string | undefined,
): DownstreamFacts {
  return {
    repo,
    release: { tag: release.tag_name, url: release.html_url, draft: release.draft, prerelease: release.prerelease },
    apps: config.apps.map((app) => ({ name: app.name, tag: app.tag })),
    downstream,
    sha,
  };
}

export const downstreamPins: Feature<"release.published"> = async function downstreamPins(context, config: Config, options) {
  const { release } = context.payload;
  if (!raisesPins(config, release)) return;
  const downstream: DownstreamFile[] = [];
  for (const entry of config.downstream) downstream.push(await downstreamFile(context, entry));
  const facts = downstreamFacts(config, context.repo(), release, downstream, await releasedCommit(context, release.tag_name));
  await carryOut(context, planDownstreamPins(facts), options);
};
