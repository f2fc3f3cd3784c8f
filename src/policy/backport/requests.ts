// Which backports a pull-request event asks for, from the payload and config alone, so every
// other merge or label costs no API call: on merge, every backport label it carries; on a label
// added after the merge, that label only.
import type { Config } from "../config/index.js";
import type { Action, Plan, RepoRef } from "../plan.js";
import { nothing } from "../plan.js";
import type { MergedPull } from "./facts.js";
import { backportReportKey } from "./plan.js";
import { branchOfLabel, labelTargets, targetProblem } from "./target.js";

export type BackportRequest = { readonly kind: "pick"; readonly branch: string } | { readonly kind: "refused"; readonly plan: Plan };

export type Requests = { readonly kind: "none"; readonly plan: Plan } | { readonly kind: "requests"; readonly requests: readonly BackportRequest[] };

/** A label-asked backport reports on the pull request in a comment of its own, once per target. */
export function labelAnswer(repo: RepoRef, number: number, branch: string): (text: string) => Action {
  return (body) => ({ kind: "comment", key: backportReportKey(number, branch), repo, issueNumber: number, body });
}

export function labelledBackports(
  config: Config,
  event: { readonly repo: RepoRef; readonly defaultBranch: string; readonly pull: MergedPull; readonly addedLabel?: string },
): Requests {
  const pattern = config.lines.backports?.label;
  if (pattern === undefined) return { kind: "none", plan: nothing("not-configured", "Backports are off.") };
  const { pull } = event;
  if (!pull.merged || pull.mergeCommitSha === null) {
    return { kind: "none", plan: nothing("event-not-relevant", `#${pull.number} is not merged; its backport labels are acted on when it merges.`) };
  }
  let branches = labelTargets(config, pull.labels);
  if (event.addedLabel !== undefined) {
    const added = branchOfLabel(event.addedLabel, pattern);
    branches = added === undefined ? [] : [added];
  }
  if (branches.length === 0) return { kind: "none", plan: nothing("event-not-relevant", `#${pull.number} carries no backport label.`) };
  return {
    kind: "requests",
    requests: branches.map((branch): BackportRequest => {
      const problem = targetProblem(config, branch, event.defaultBranch);
      if (problem === undefined) return { kind: "pick", branch };
      const answer = labelAnswer(event.repo, pull.number, branch);
      return { kind: "refused", plan: { reason: "bad-command", summary: problem, actions: [answer(problem)] } };
    }),
  };
}
