// A backport: the merged pull request's merge commit cherry-picked onto a release branch, as a
// pull request into it (`-x` style trailer, titled `[<branch>] <title>`, linking the original).
// Picked file by file from blobs: a file is clean when the branch still has the version the pull
// request started from; otherwise the pick conflicts, and the original pull request is told how
// to do it by hand, with the exact commands.
import { codeBlock, codeSpan, inertText } from "../markdown/inert.js";
import type { Action, FileChange, Plan, RepoRef } from "../plan.js";
import { nothing, plan } from "../plan.js";
import type { CherryPick, MergedPull, PickedFile } from "./facts.js";

export interface BackportInput {
  readonly repo: RepoRef;
  readonly pull: MergedPull;
  /** A release branch targetProblem accepted. */
  readonly branch: string;
  readonly pick: CherryPick;
  /** How the outcome is said: the label's report comment, or the command's reply. */
  readonly answer: (text: string) => Action;
}

/** The backport's own branch, one per pull request and target. */
export function backportBranch(number: number, branch: string): string {
  return `backport/${number}-to-${branch}`;
}

/** The key of the backport's pull request: found again by its branch on a redelivery. */
export function backportKey(number: number, branch: string): string {
  return `backport:${number}:${branch}`;
}

/** The key of the comment a label-asked backport reports on, once per pull request and target. */
export function backportReportKey(number: number, branch: string): string {
  return `backport:${number}:${branch}:report`;
}

/** GitHub refuses titles over 256 characters. */
const MAX_TITLE = 256;

function title(pull: MergedPull, branch: string): string {
  const text = `[${branch}] ${pull.title.replace(/\s+/g, " ").trim()}`;
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

function handCommands(pull: MergedPull, branch: string, merge: boolean): string {
  const own = backportBranch(pull.number, branch);
  return codeBlock(
    [
      `git fetch origin ${branch}`,
      `git switch -c ${own} origin/${branch}`,
      `git cherry-pick -x${merge ? " -m 1" : ""} ${pull.mergeCommitSha ?? ""}`,
      "# resolve the conflicts, git add them, then: git cherry-pick --continue",
      `git push origin ${own}`,
    ].join("\n"),
  );
}

function report(input: BackportInput, why: string, merge: boolean): string {
  const { pull, branch } = input;
  return [
    `I could not backport #${pull.number} to ${codeSpan(branch)}: ${why} To do it by hand:`,
    "",
    handCommands(pull, branch, merge),
    "",
    `then open a pull request from ${codeSpan(backportBranch(pull.number, branch))} into ${codeSpan(branch)}.`,
  ].join("\n");
}

function paths(files: readonly PickedFile[]): string {
  const shown = files.slice(0, 10).map((file) => codeSpan(file.path));
  return `${shown.join(", ")}${files.length > shown.length ? ` and ${files.length - shown.length} more` : ""}`;
}

function refuse(input: BackportInput, why: string, merge: boolean): Plan {
  const text = report(input, why, merge);
  return { reason: "gate-refused", summary: `Backport of #${input.pull.number} to ${input.branch} not made: ${why}`, actions: [input.answer(text)] };
}

export function planBackport(input: BackportInput): Plan {
  const { pull, branch, pick } = input;
  const sha = pull.mergeCommitSha;
  if (!pull.merged || sha === null) {
    return {
      reason: "gate-refused",
      summary: `#${pull.number} is not merged.`,
      actions: [
        input.answer(
          `#${pull.number} is not merged yet; a backport is made from its merge commit, so merge it first (a backport label is acted on when it merges).`,
        ),
      ],
    };
  }
  if (pick.kind === "no-branch") {
    return {
      reason: "gate-refused",
      summary: `There is no branch ${branch}.`,
      actions: [input.answer(`There is no branch ${codeSpan(branch)} to backport #${pull.number} to; create it from the release it maintains first.`)],
    };
  }
  if (pick.kind === "too-large") return refuse(input, "the change is too large to cherry-pick through GitHub's API.", pick.merge);
  // Already there (picked before, or fixed the same way on the branch): nothing to carry.
  const pending = pick.files.filter((file) => file.target !== file.picked);
  if (pending.length === 0) return nothing("already-done", `${branch} already has every change of #${pull.number}.`);
  const conflicts = pending.filter((file) => file.target !== file.base);
  if (conflicts.length > 0)
    return refuse(input, `${paths(conflicts)} changed on ${codeSpan(branch)} since this pull request's base, so the cherry-pick conflicts.`, pick.merge);
  const opaque = pending.filter((file) => file.picked !== null && typeof file.content !== "string");
  if (opaque.length > 0) return refuse(input, `${paths(opaque)} is not text, which the API cannot carry as a change.`, pick.merge);
  const files: FileChange[] = pending.map((file) => ({ path: file.path, content: file.picked === null ? null : (file.content ?? null) }));
  const body = [`Backport of #${pull.number} to ${codeSpan(branch)}: ${inertText(pull.title)}`, "", `(cherry picked from commit ${sha})`, ""].join("\n");
  return plan(`Open the backport of #${pull.number} into ${branch} (${files.length} file${files.length === 1 ? "" : "s"}).`, [
    {
      kind: "open-pull-request",
      key: backportKey(pull.number, branch),
      repo: input.repo,
      branch: backportBranch(pull.number, branch),
      base: branch,
      title: title(pull, branch),
      body,
      // git cherry-pick -x: the original message, then where it came from.
      commitMessage: `${pull.title} (#${pull.number})\n\n(cherry picked from commit ${sha})`,
      files,
      labels: [],
    },
  ]);
}
