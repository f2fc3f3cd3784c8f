// What `/release` decides from: everything read from GitHub before deciding, so the decision is
// a function of this object alone (and a redelivered comment meets the same facts it left).
import type { ReleaseCommand } from "../commands/types.js";
import type { Config } from "../config/index.js";
import type { RepoRef } from "../plan.js";
import type { MergedPull } from "../notes/types.js";
import type { BranchProtectionFact } from "./protection.js";
import type { MergedSince } from "./resolve-level.js";

/** A maintenance branch a release is cut on (src/policy/release/line.ts). */
export interface ReleaseLine {
  /** The maintenance branch the release is cut on. */
  readonly branch: string;
  /** The minor series it holds, e.g. `1.4`. */
  readonly series: string;
}

export interface ExistingRelease {
  readonly id: number;
  readonly tag: string;
  readonly url: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  /** False for a release someone else wrote: its body's marker is then no sign of this app's cut. */
  readonly byThisApp?: boolean;
}

/** The issue or pull request the command was typed in. */
export interface CommandIssue {
  readonly number: number;
  readonly title: string;
  readonly body: string;
  readonly labels: readonly string[];
}

export interface CutReleaseFacts {
  readonly repo: RepoRef;
  /** The repository's web address, for links in the reply. */
  readonly repoUrl: string;
  readonly config: Config;
  readonly command: ReleaseCommand;
  readonly commentId: number;
  readonly author: string;
  readonly issue: CommandIssue;
  readonly defaultBranch: string;
  /**
   * The maintenance branch the release is cut on, when it is of a line whose branch exists; the
   * head, changelog, version files and protection below are then that branch's.
   */
  readonly line?: ReleaseLine;
  readonly headSha: string;
  /**
   * On a line with notes configured: the pull requests merged into its branch since the line's
   * previous release (`lineSince`), for the notes when the changelog gives none.
   */
  readonly linePulls?: readonly MergedPull[];
  readonly lineSince?: string | null;
  /** ISO time the command is handled at; the changelog date is its UTC day. */
  readonly now: string;
  /** The changelog file at the head, when the config keeps one file with sections and it exists. */
  readonly changelog: string | undefined;
  /** Each configured version file at the head (undefined when missing). */
  readonly versionFiles: Readonly<Record<string, string | undefined>>;
  /** Every tag name of the repository. */
  readonly tags: readonly string[];
  /** The newest releases (up to 100), drafts included. */
  readonly releases: readonly ExistingRelease[];
  /** The cut branch's protection; read only when the release may commit (changelog or version files). */
  readonly protection?: BranchProtectionFact;
  /** The changelog's fragment files by name (changelog.fragments), read only when it has some configured. */
  readonly fragments?: Readonly<Record<string, string>>;
  /** PRs merged since the app's previous release; read only when `versioning.resolve` picks the level of a bare /release. */
  readonly merged?: MergedSince;
}

/** The hidden line in a release's notes saying which comment cut it: how a redelivery is recognised. */
export function cutMarker(commentId: number): string {
  return `<!-- release-pilot:release comment=${commentId} -->`;
}

/** The releases as /release compares them; a release without its page's address (from a facts file) gets the one GitHub gives it. */
export function existingReleases(releases: readonly (Omit<ExistingRelease, "url"> & { readonly url?: string })[], repoUrl: string): readonly ExistingRelease[] {
  return releases.map((r) => ({
    id: r.id,
    tag: r.tag,
    url: r.url ?? `${repoUrl}/releases/tag/${r.tag}`,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    ...(r.byThisApp === undefined ? {} : { byThisApp: r.byThisApp }),
  }));
}
