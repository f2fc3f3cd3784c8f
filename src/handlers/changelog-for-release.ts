import type { Context } from "probot";
import type { Config } from "../policy/config/index.js";
import type { ChangelogPrFacts } from "../policy/release/changelog-pr.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

type ReleaseContext = Context<"release.published">;

/** Gathers the facts of a published release; the changelog decision is policy's. */
export function releaseFacts(context: ReleaseContext, config: Config): ChangelogPrFacts {
  const { release, repository, sender } = context.payload;
  return {
    repo: context.repo(),
    defaultBranch: repository.default_branch,
    actor: sender?.login ?? "unknown",
    release: {
      id: release.id,
      tag: release.tag_name,
      name: release.name ?? release.tag_name,
      body: release.body ?? "",
      url: release.html_url,
      draft: release.draft,
      prerelease: release.prerelease,
    },
    apps: config.apps.map((app) => ({
      name: app.name,
      tag: app.tag,
      changelog:
        app.changelog?.target.kind === "path"
          ? {
              path: app.changelog.target.path,
              via: app.changelog.via,
              branch: app.changelog.branch,
              title: app.changelog.title,
              labels: app.changelog.labels,
            }
          : undefined,
    })),
  };
}

export const changelogForRelease: Feature<"release.published"> = async function changelogForRelease(context, config, options) {
  await carryOut(context, planChangelogForRelease(releaseFacts(context, config)), options);
};
