// Whether a release raises downstream pins at all, and the pin decision's facts once each
// downstream file and the released commit are read.
import type { Config } from "../config/index.js";
import { nothing, type Plan, type RepoRef } from "../plan.js";
import type { DownstreamFacts, DownstreamFile } from "./downstream.js";

/** The plan saying no pin is raised (a candidate, a draft, no downstream entries); undefined when pins are raised. Nothing is read then. */
export function pinsNotRaised(config: Config, release: { readonly draft: boolean; readonly prerelease: boolean }): Plan | undefined {
  if (config.downstream.length > 0 && !release.prerelease && !release.draft) return undefined;
  return nothing("event-not-relevant", "No downstream pin is raised for this release.");
}

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
