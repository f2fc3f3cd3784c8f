// The facts that draft release notes are decided from. The handler reads them from the push
// payload and a few list calls; everything here is plain data so the decision is a pure function.
import type { AppConfig, NotesConfig, Versioning } from "../config/types.js";
import type { RepoRef } from "../plan.js";

/** A merged pull request, only the fields the notes use. */
export interface MergedPull {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly author: string;
  readonly labels: readonly string[];
  /** ISO time; null for a PR that was closed without merging. */
  readonly mergedAt: string | null;
  readonly mergeCommitSha: string | null;
  /** ISO time; the list is read newest-updated first, and this tells how far back it reached. */
  readonly updatedAt: string;
}

/** A GitHub release as listed by `GET /repos/{o}/{r}/releases`. */
export interface ReleaseFact {
  readonly id: number;
  readonly tag: string;
  readonly name: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  /** ISO time; null on drafts. */
  readonly publishedAt: string | null;
}

export type NotesApp = Pick<AppConfig, "name" | "tag" | "paths" | "labels">;

export interface DraftNotesFacts {
  readonly repo: RepoRef;
  readonly defaultBranch: string;
  /** The branch the push went to; only the default branch drafts notes. */
  readonly branch: string;
  /** ISO time of the decision: the calver version of a new draft. */
  readonly now: string;
  readonly versioning: Versioning;
  readonly notes: NotesConfig | null;
  /** Template of a release's name (`release_name`), e.g. `{tag}`. */
  readonly releaseName: string;
  readonly apps: readonly NotesApp[];
  /** Files the push changed; "unknown" when neither the payload nor compare could tell. */
  readonly changedFiles: readonly string[] | "unknown";
  /** Commits of the push, to tell which PRs it merged (their labels select apps too). */
  readonly pushedCommits: readonly string[];
  /** The repository's newest releases, drafts included. */
  readonly releases: readonly ReleaseFact[];
  /** Closed PRs into the default branch, most recently updated first, as far back as was read. */
  readonly pulls: readonly MergedPull[];
  /** True when reading stopped at `notes.maxPullRequests` rather than at the previous release. */
  readonly truncated: boolean;
}
