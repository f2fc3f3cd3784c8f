// What a backport is decided from: the pull request, and the cherry-pick as blobs. A file the
// pull request changed is clean to pick when the release branch still has the version the pull
// request started from (or already has its result); any other content there is a conflict.

export interface MergedPull {
  readonly number: number;
  readonly title: string;
  readonly url: string;
  readonly labels: readonly string[];
  /** The commit GitHub merged it as (merge, squash or rebase's last); null while it is not merged. */
  readonly mergeCommitSha: string | null;
  readonly merged: boolean;
}

export interface PickedFile {
  readonly path: string;
  /** Blob SHAs, null where the file is absent: before the pull request, after it, on the branch. */
  readonly base: string | null;
  readonly picked: string | null;
  readonly target: string | null;
  /** The picked text (null when the pick deletes the file); undefined when it is not text the API can carry. */
  readonly content: string | null | undefined;
}

export type CherryPick =
  | {
      readonly kind: "files";
      readonly branchHead: string;
      readonly parent: string;
      /** The picked commit has more than one parent: by hand it is `git cherry-pick -m 1`. */
      readonly merge: boolean;
      readonly files: readonly PickedFile[];
    }
  /** The branch is not there. */
  | { readonly kind: "no-branch" }
  /** Too many files (or a tree GitHub truncates) to pick through the API: done by hand. */
  | { readonly kind: "too-large"; readonly merge: boolean };

/** At most this many changed files are picked through the API: each costs a blob read. */
export const MAX_PICKED_FILES = 100;
