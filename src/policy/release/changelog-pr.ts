// After a release is published, its notes become a changelog file in the repository, delivered
// by pull request (Openverse: documentation/changelogs/{app}/{date}.md) or by direct commit.
import { renderReleaseFile } from "../changelog/release-file.js";
import { type Action, nothing, plan, type Plan, type RepoRef } from "../plan.js";
import { render } from "../template.js";
import { appOfTag, type AppTagSettings } from "./which-app.js";
import { inertText, mention } from "../markdown/inert.js";
import { type BranchProtectionFact, directCommitRefusal } from "./protection.js";

export interface ChangelogFileSettings {
  /** Template of the file written per release; absent when the changelog is one file with sections. */
  readonly path?: string;
  readonly via: "pull-request" | "commit";
  readonly branch: string;
  readonly title: string;
  readonly labels: readonly string[];
}

export interface PublishedRelease {
  readonly id: number;
  readonly tag: string;
  readonly name: string;
  readonly body: string;
  readonly url: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
}

export interface AppChangelogSettings extends AppTagSettings {
  /** The app's changelog settings (the top-level ones with its overrides); undefined when none. */
  readonly changelog: ChangelogFileSettings | undefined;
}

export interface ChangelogPrFacts {
  readonly repo: RepoRef;
  readonly defaultBranch: string;
  readonly release: PublishedRelease;
  readonly apps: readonly AppChangelogSettings[];
  readonly actor: string;
  /** The default branch's protection; read only when some app commits its changelog (`via: commit`). */
  readonly protection?: BranchProtectionFact;
  /** The commit the release's tag names, where a refused commit is reported; read with `protection`. */
  readonly releasedCommit?: string;
}

/** A changelog commit the default branch's protection refuses: said on the release's commit, as a failed check. */
function refusedCommit(facts: ChangelogPrFacts, refusal: string): Plan {
  const { release } = facts;
  const run: Action[] =
    facts.releasedCommit === undefined
      ? []
      : [
          {
            kind: "check-run",
            key: `changelog:${release.tag}:refused`,
            repo: facts.repo,
            headSha: facts.releasedCommit,
            name: "Release Pilot: changelog",
            title: `The changelog of ${release.tag} was not committed`,
            summary: refusal,
            annotations: [],
            conclusion: "failure",
          },
        ];
  return { reason: "gate-refused", summary: refusal, actions: run };
}

export function planChangelogForRelease(facts: ChangelogPrFacts): Plan {
  const { release } = facts;
  if (release.draft) return nothing("event-not-relevant", `Release ${release.tag} is a draft; its changelog waits for publishing.`);
  const owner = appOfTag(release.tag, facts.apps);
  if (owner === undefined) {
    const forms = facts.apps.map((app) => app.tag).join(", ");
    return nothing("event-not-relevant", `Tag ${release.tag} matches no app's tag template (${forms}).`);
  }
  const changelog = facts.apps.find((app) => app.name === owner.app)?.changelog;
  if (changelog?.path === undefined) {
    return nothing("not-configured", `No per-release changelog file is configured for ${owner.app} (changelog.path).`);
  }
  const values = { app: owner.app, version: owner.version, tag: release.tag, actor: facts.actor };
  const path = render(changelog.path, values);
  const title = render(changelog.title, values);
  const files = [{ path, content: renderReleaseFile({ title: owner.version, body: release.body }) }];
  const key = `changelog:${release.tag}`;
  if (changelog.via === "commit") {
    const refusal = directCommitRefusal(
      facts.protection,
      facts.defaultBranch,
      `the changelog of ${release.tag} cannot be committed to it`,
      "set changelog.via: pull-request",
    );
    if (refusal !== undefined) return refusedCommit(facts, refusal);
    return plan(`Commit ${path} for ${release.tag}.`, [{ kind: "commit-files", key, repo: facts.repo, branch: facts.defaultBranch, message: title, files }]);
  }
  const branch = render(changelog.branch, values);
  return plan(`Open a pull request adding ${path} for ${release.tag}.`, [
    {
      kind: "open-pull-request",
      key,
      repo: facts.repo,
      branch,
      base: facts.defaultBranch,
      title,
      body: `The changelog for [${inertText(release.tag)}](${release.url}), published by ${mention(facts.actor)}.`,
      commitMessage: title,
      files,
      labels: changelog.labels,
    },
  ]);
}
