// /deploy <env> on a pull request, with no ref: the pull request's head (branch-deploy's central
// flow: ship the branch to staging, check it, then merge). A fork's head is someone else's code,
// so it is refused unless the environment allows forks; a head behind its base is deployed with a
// warning, since what runs then lacks what the base has gained. On a closed or merged pull request
// /deploy deploys what it deploys in an issue (the environment's branch), as it always did.
import type { EnvironmentConfig } from "../config/index.js";
import { inertText } from "../markdown/inert.js";
import { short } from "./settings.js";

/** The pull request as GitHub answers GET /repos/{owner}/{repo}/pulls/{pull_number}, and its compare with the base. */
export interface PullHeadFact {
  readonly number: number;
  readonly open: boolean;
  readonly headSha: string;
  /** The head branch's name, as its author named it (untrusted). */
  readonly headRef: string;
  /** `owner/name` of the head's repository; null when the fork has been deleted. */
  readonly headRepo: string | null;
  /** `owner/name` of the base repository (this one). */
  readonly baseRepo: string;
  readonly baseRef: string;
  /** Commits on the base the head lacks (compare's behind_by). */
  readonly behindBy: number;
}

export type PullHeadDecision =
  | { readonly answer: string }
  /** A closed or merged pull request: /deploy deploys what it would anywhere else (the followed branch). */
  | { readonly notOpen: true }
  | { readonly sha: string; readonly source: { readonly ref: string; readonly branch: string; readonly pr: number }; readonly warnings: readonly string[] };

/** Whether the pull request's head lives in another repository (a fork, or a deleted one). */
export function isFork(pull: PullHeadFact): boolean {
  return pull.headRepo === null || pull.headRepo.toLowerCase() !== pull.baseRepo.toLowerCase();
}

export function decidePullHead(env: EnvironmentConfig, pull: PullHeadFact | undefined, number: number, defaultBranch: string): PullHeadDecision {
  const elsewhere = `/deploy ${env.name} ${defaultBranch}`;
  if (pull === undefined) return { answer: `#${number} is not a pull request this app can read; name what to deploy, e.g. ${elsewhere}` };
  if (!pull.open) return { notOpen: true };
  if (isFork(pull) && !env.rules.allowForks) {
    const from = pull.headRepo === null ? "a deleted fork" : `the fork ${inertText(pull.headRepo)}`;
    return {
      answer: `#${number} comes from ${from}, and ${env.name} does not deploy forks' code, which nobody with write access has vetted; deploy a branch of this repository instead, e.g. ${elsewhere}, or set environments.${env.name}.allow_forks: true.`,
    };
  }
  const warnings =
    pull.behindBy > 0
      ? [
          `#${number} is ${pull.behindBy} commit${pull.behindBy === 1 ? "" : "s"} behind ${inertText(pull.baseRef)}: the deploy of its head \`${short(pull.headSha)}\` lacks ${pull.behindBy === 1 ? "it" : "them"}; update the branch to deploy what merging would ship.`,
        ]
      : [];
  return { sha: pull.headSha, source: { ref: pull.headRef, branch: pull.headRef, pr: number }, warnings };
}
