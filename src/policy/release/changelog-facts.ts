// What the changelog decision reads of a published release: the payload's release and the apps'
// changelog settings, nothing read from GitHub.
import type { Config } from "../config/index.js";
import type { RepoRef } from "../plan.js";
import type { ChangelogPrFacts } from "./changelog-pr.js";

/** The parts of a `release.published` payload the changelog decision reads. */
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
  readonly repository: { readonly default_branch: string };
  readonly sender?: { readonly login: string } | null | undefined;
}

export function changelogPrFacts(repo: RepoRef, payload: ReleasePayload, config: Config): ChangelogPrFacts {
  const { release, repository, sender } = payload;
  return {
    repo,
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
