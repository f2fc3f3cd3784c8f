// Facts of releases, changelogs, checklists, draft notes, forward ports and downstream pins.
import type { AutoFacts } from "../policy/checklist/index.js";
import type { ChangelogConfig, DownstreamConfig } from "../policy/config/index.js";
import type { DownstreamFile } from "../policy/release/downstream.js";
import type { BranchProtectionFact } from "../policy/release/protection.js";

export type { BranchProtectionFact, BranchRuleFact } from "../policy/release/protection.js";

/** An issue carrying the checklist labels; `url` is the address a reply links to (GitHub always gives it). */
export interface ChecklistIssueFact {
  readonly number: number;
  readonly state: "open" | "closed";
  readonly body: string;
  readonly url?: string;
}

/** Which of the default branch head's facts a checklist's auto items ask for; the others are never read. */
export interface AskedAutoFacts {
  readonly ci: boolean;
  readonly changelog: boolean;
  readonly staging: boolean;
}

/** One of the repository's newest releases, drafts included. */
export interface ReleaseRecord {
  readonly id: number;
  readonly tag: string;
  readonly name: string;
  /** The release's page; absent when a facts file leaves it out (policy then builds it from the repository's). */
  readonly url?: string;
  readonly body: string;
  readonly draft: boolean;
  readonly prerelease: boolean;
  /** ISO time; null on drafts. */
  readonly publishedAt: string | null;
  /** False for a release someone else wrote; unknown (absent) from a facts file. */
  readonly byThisApp?: boolean;
}

/** A closed pull request into a base branch; `url` and `updatedAt` may be left out of a facts file. */
export interface ClosedPull {
  readonly number: number;
  readonly title: string;
  readonly url?: string;
  readonly author: string;
  readonly labels: readonly string[];
  readonly mergedAt: string | null;
  readonly mergeCommitSha: string | null;
  readonly updatedAt?: string;
}

/** What compare says of a release branch against the default branch, and the forward-port PR open from it. */
export interface ForwardPortCompare {
  readonly ahead: readonly { readonly sha: string; readonly message: string }[];
  readonly aheadBy: number;
  readonly openPull: { readonly number: number; readonly body: string } | null;
}

export interface ReleaseFacts {
  /** The commit a published release's tag names (an annotated tag peeled); undefined when the tag is gone. */
  releasedCommit(release: { readonly tag: string; readonly targetCommitish: string }): Promise<string | undefined>;
  /** Every tag name of the repository. */
  tagNames(): Promise<readonly string[]>;
  /** The newest releases (one page of 100), drafts included. */
  latestReleases(): Promise<readonly ReleaseRecord[]>;
  /** The files `/release` edits (changelog, version files) at the head of `branch` (commit `sha`); undefined when missing. */
  releaseFiles(paths: readonly string[], at: { readonly branch: string; readonly sha: string }): Promise<Readonly<Record<string, string | undefined>>>;
  /** The files directly in a changelog's fragment directory at commit `sha`, by file name; {} when it is missing. */
  fragmentFiles(directory: string, sha: string): Promise<Readonly<Record<string, string>>>;
  /** The checklist template's text at `ref`; undefined when the file is not there (the built-in one is used). */
  checklistTemplate(path: string, ref: string): Promise<string | undefined>;
  /** Issues carrying the checklist labels, newest 100, open or closed; pull requests left out. */
  checklistIssues(labels: readonly string[], state: "all" | "open"): Promise<readonly ChecklistIssueFact[]>;
  /** Whether this app already said the checklist is ready (only its own comment counts: the marker is text anyone can paste). */
  announcedReady(issueNumber: number): Promise<boolean>;
  /** What the default branch's head shows for the auto items asked for; undefined when nothing is known. */
  headAutoFacts(asked: AskedAutoFacts, defaultBranch: string, changelog: ChangelogConfig | null): Promise<AutoFacts | undefined>;
  /** Each downstream entry's file on its branch, or that its repository is out of reach. */
  downstreamFiles(entries: readonly DownstreamConfig[]): Promise<readonly DownstreamFile[]>;
  /** The files changed between two commits (compare); "unknown" when the list may be partial. */
  comparedFiles(before: string, after: string): Promise<readonly string[] | "unknown">;
  /** Closed PRs into `base`, newest updated first, until one reaches back past `since` or `max` were read. */
  closedPulls(base: string, since: string | null, max: number): Promise<{ readonly pulls: readonly ClosedPull[]; readonly truncated: boolean }>;
  /** What protects `branch` against this app committing to it directly. */
  branchProtection(branch: string): Promise<BranchProtectionFact>;
  /** A release branch against the default branch, and the forward-port PR open from it. */
  forwardPortCompare(branch: string, defaultBranch: string): Promise<ForwardPortCompare>;
}
