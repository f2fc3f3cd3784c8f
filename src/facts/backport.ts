// Facts of backports: the merged pull request a command names, and what cherry-picking its merge
// commit onto a release branch would touch, read blob by blob so policy can tell a clean pick
// from a conflict without a working tree (GitHub has no cherry-pick endpoint).
import type { CherryPick, MergedPull } from "../policy/backport/facts.js";

export type { CherryPick, MergedPull, PickedFile } from "../policy/backport/facts.js";

export interface BackportFacts {
  /** The pull request `number` (a comment's issue), or undefined when it is an issue. */
  mergedPull(number: number): Promise<MergedPull | undefined>;
  /** What picking `commit` (against its first parent) onto the head of `branch` would change. */
  cherryPick(commit: string, branch: string): Promise<CherryPick>;
}
