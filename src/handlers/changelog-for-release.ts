import type { Config } from "../policy/config/index.js";
import type { ChangelogPrFacts } from "../policy/release/changelog-pr.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

/**
 * The parts of a `release.published` payload the changelog decision reads; a webhook's payload
 * has them, and so does one read from a file by `release-pilot plan`.
 */
export interface ReleasePayload {
  readonly release: {
    readonly id: number;
    readonly tag_name: string;
    readonly name: string | null;
    readonly body: string | null;
    readonly html_url: string;
    readonly draft: boolean;
    readonly prerelease: boolean;
  };
  readonly repository: { readonly name: string; readonly default_branch: string; readonly owner: { readonly login: string } };
  readonly sender?: { readonly login: string } | null | undefined;
}

/** Gathers the facts of a published release; the changelog decision is policy's. */
export function releaseFacts(payload: ReleasePayload, config: Config): ChangelogPrFacts {
  const { release, repository, sender } = payload;
  return {
    // What context.repo() gives for this payload.
    repo: { owner: repository.owner.login, repo: repository.name },
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
  await carryOut(context, planChangelogForRelease(releaseFacts(context.payload, config)), options);
};
