// Fixes made on a release branch (`release`, or one such as `release/v2.6`) must reach the
// default branch too. After each push to such a branch, one PR from it into the default branch
// carries them: opened when the branch is ahead, its body refreshed while it is open, never a
// second one, and nothing at all when the default branch already has every commit.
import type { Plan, RepoRef } from "./plan.js";
import { nothing, plan } from "./plan.js";
import { matchTemplate } from "./template.js";
import { codeSpan, inertText } from "./markdown/inert.js";

export interface ForwardPortFacts {
  readonly repo: RepoRef;
  readonly branch: string;
  readonly defaultBranch: string;
  /** `release_branch` (or the checklist's), e.g. `release/v{version}`; null when neither is set. */
  readonly releaseBranchTemplate: string | null;
  /** The branch's commits that the default branch lacks, oldest first, as compare lists them. */
  readonly ahead: readonly { readonly sha: string; readonly message: string }[];
  /** How many commits compare counted ahead; it lists at most 250 of them. */
  readonly aheadBy: number;
  /** The open PR from this branch into the default branch, if any. */
  readonly openPull: { readonly number: number; readonly body: string } | null;
}

/** `release` itself, or a branch the checklist's release-branch template names. */
export function isReleaseBranch(branch: string, template: string | null): boolean {
  if (branch === "release") return true;
  return template !== null && matchTemplate(template, branch) !== undefined;
}

/**
 * The release branch a push is to, from the payload alone (most pushes are to other branches:
 * they cost no API call), or the plan saying there is nothing to forward-port.
 */
export function pushedReleaseBranch(
  push: { readonly ref: string; readonly deleted: boolean },
  defaultBranch: string,
  template: string | null,
  enabled = true,
): { readonly kind: "release-branch"; readonly branch: string } | { readonly kind: "none"; readonly plan: Plan } {
  // Projects that backport fixes into their lines never want them carried back wholesale.
  if (!enabled) return { kind: "none", plan: nothing("not-configured", "Forward-porting is off (forward_port: false, or backports are on).") };
  const branch = push.ref.slice("refs/heads/".length);
  if (push.deleted || !push.ref.startsWith("refs/heads/") || branch === defaultBranch || !isReleaseBranch(branch, template)) {
    return { kind: "none", plan: nothing("event-not-relevant", `${push.ref} is not a release branch; nothing to forward-port.`) };
  }
  return { kind: "release-branch", branch };
}

export function forwardPortTitle(branch: string): string {
  return `Forward-port fixes from ${branch}`;
}

const LISTED = 50;

export function forwardPortBody(facts: Pick<ForwardPortFacts, "branch" | "defaultBranch" | "ahead" | "aheadBy">): string {
  const lines = facts.ahead.slice(0, LISTED).map((c) => `- ${c.sha.slice(0, 7)} ${inertText(c.message.split("\n")[0] ?? "")}`);
  const more = facts.aheadBy - lines.length;
  const count = `${facts.aheadBy} commit${facts.aheadBy === 1 ? "" : "s"}`;
  return [
    `${count} on ${codeSpan(facts.branch)} ${facts.aheadBy === 1 ? "is" : "are"} not on ${codeSpan(facts.defaultBranch)} yet. Merge this pull request (with a merge commit, so the commits keep their identity) to bring the fixes forward.`,
    "",
    ...lines,
    ...(more > 0 ? [`- … and ${more} more`] : []),
    "",
  ].join("\n");
}

export function planForwardPort(facts: ForwardPortFacts): Plan {
  if (facts.branch === facts.defaultBranch || !isReleaseBranch(facts.branch, facts.releaseBranchTemplate)) {
    return nothing("event-not-relevant", `${facts.branch} is not a release branch.`);
  }
  if (facts.aheadBy === 0) return nothing("already-done", `${facts.defaultBranch} already has every commit of ${facts.branch}.`);
  const body = forwardPortBody(facts);
  const key = `forward-port:${facts.branch}`;
  if (facts.openPull !== null) {
    if (facts.openPull.body.replace(/\r\n/g, "\n") === body)
      return nothing("already-done", `Pull request #${facts.openPull.number} already forward-ports ${facts.branch}.`);
    return plan(`Refresh the forward-port pull request #${facts.openPull.number} from ${facts.branch}.`, [
      { kind: "update-issue", key, repo: facts.repo, number: facts.openPull.number, body },
    ]);
  }
  return plan(`Open a pull request forward-porting ${facts.aheadBy} commit(s) from ${facts.branch} into ${facts.defaultBranch}.`, [
    {
      kind: "open-pull-request",
      key,
      repo: facts.repo,
      branch: facts.branch,
      base: facts.defaultBranch,
      title: forwardPortTitle(facts.branch),
      body,
      commitMessage: forwardPortTitle(facts.branch),
      files: [],
      labels: [],
      openOnly: true,
    },
  ]);
}
