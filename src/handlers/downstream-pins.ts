import type { Context } from "probot";
import { notFoundAsUndefined } from "../github/client.js";
import { readFile } from "../github/git.js";
import type { Config, DownstreamConfig } from "../policy/config/index.js";
import { planDownstreamPins, type DownstreamFile } from "../policy/release/downstream.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

type ReleaseContext = Context<"release.published">;

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

export const downstreamPins: Feature<"release.published"> = async function downstreamPins(context, config: Config, options) {
  const { release } = context.payload;
  // Nothing to read for a candidate or a repository without downstream entries.
  if (config.downstream.length === 0 || release.prerelease || release.draft) return;
  const downstream: DownstreamFile[] = [];
  for (const entry of config.downstream) downstream.push(await downstreamFile(context, entry));
  const facts = {
    repo: context.repo(),
    release: { tag: release.tag_name, url: release.html_url, draft: release.draft, prerelease: release.prerelease },
    apps: config.apps.map((app) => ({ name: app.name, tag: app.tag })),
    downstream,
    sha: await releasedCommit(context, release.tag_name),
  };
  await carryOut(context, planDownstreamPins(facts), options);
};
