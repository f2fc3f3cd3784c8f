// Backports asked for by label: when a labelled pull request merges, or a backport label is put on
// one already merged. Policy says which branches are asked for; for each, the cherry-pick's facts
// are read and policy opens the backport or reports the conflict.
import type { MergedPull } from "../facts/backport.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature, FeatureContext } from "../features/feature.js";
import { planBackport } from "../policy/backport/plan.js";
import { labelAnswer, labelledBackports } from "../policy/backport/requests.js";
import type { Config } from "../policy/config/index.js";

type PullRequestEvent = "pull_request.closed" | "pull_request.labeled";

function pullOf(context: FeatureContext<PullRequestEvent>): MergedPull {
  const pull = context.payload.pull_request;
  // Older payloads lack fields the types promise (labels among them): read what is there.
  return {
    number: pull.number,
    title: pull.title ?? "",
    url: pull.html_url ?? "",
    labels: (pull.labels ?? []).flatMap((label) => (typeof label?.name === "string" ? [label.name] : [])),
    mergeCommitSha: pull.merge_commit_sha ?? null,
    merged: pull.merged === true,
  };
}

async function backportLabelled(context: FeatureContext<PullRequestEvent>, config: Config, addedLabel: string | undefined): Promise<void> {
  const pull = pullOf(context);
  const repo = context.repo();
  const asked = labelledBackports(config, {
    repo,
    defaultBranch: context.payload.repository.default_branch,
    pull,
    ...(addedLabel === undefined ? {} : { addedLabel }),
  });
  if (asked.kind === "none") {
    await carryOut(context, asked.plan);
    return;
  }
  for (const request of asked.requests) {
    if (request.kind === "refused") {
      await carryOut(context, request.plan);
      continue;
    }
    const pick = await context.facts.cherryPick(pull.mergeCommitSha ?? "", request.branch);
    await carryOut(context, planBackport({ repo, pull, branch: request.branch, pick, answer: labelAnswer(repo, pull.number, request.branch) }));
  }
}

export const backportOnMerge: Feature<"pull_request.closed"> = async function backportOnMerge(context, config) {
  await backportLabelled(context, config, undefined);
};

export const backportOnLabel: Feature<"pull_request.labeled"> = async function backportOnLabel(context, config) {
  await backportLabelled(context, config, context.payload.label?.name);
};
