// Opening the release checklist automatically: a release branch appearing, a prerelease being
// published, a draft release being saved. Each gathers the same facts (the template from the
// default branch, the issues already carrying the checklist labels) and lets
// `planOpenChecklist` decide; the executor also finds the issue again by its key, so a
// redelivered event never opens a second checklist.
import type { Effect } from "../../github/effects.js";
import type { ChecklistTrigger } from "../../policy/checklist/index.js";
import { checklistSettings, planOpenChecklist, releaseBranchChecklist, releaseChecklist } from "../../policy/checklist/index.js";
import type { ChecklistConfig } from "../../policy/config/index.js";
import type { Plan } from "../../policy/plan.js";
import { render } from "../../policy/template.js";
import type { ChecklistIssueFact } from "../../facts/release.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature, FeatureContext } from "../../features/feature.js";

export interface OpenOutcome {
  readonly plan: Plan;
  readonly effects: readonly Effect[];
  readonly existing: readonly ChecklistIssueFact[];
}

/** Gathers the opening's facts, lets policy decide, carries the plan out (shared with /checklist). */
export async function openChecklist(
  context: FeatureContext,
  input: { readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger; readonly defaultBranch: string },
): Promise<OpenOutcome> {
  const { checklist } = input;
  const templateText = await context.facts.checklistTemplate(checklist.template, input.defaultBranch);
  const existing = await context.facts.checklistIssues(checklist.labels, "all");
  const decision = planOpenChecklist({
    repo: context.repo(),
    app: input.app,
    trigger: input.trigger,
    settings: checklistSettings(checklist),
    templateText,
    existing,
    render,
  });
  const effects = await carryOut(context, decision);
  return { plan: decision, effects, existing };
}

export const openChecklistOnReleaseBranch: Feature<"push"> = async function openChecklistOnReleaseBranch(context, config) {
  const { payload } = context;
  const decided = releaseBranchChecklist(config, payload);
  if (decided.kind === "none") {
    await carryOut(context, decided.plan);
    return;
  }
  await openChecklist(context, { ...decided, defaultBranch: payload.repository.default_branch ?? "main" });
};

/** A published prerelease (`v2.6.0rc1`) opens the checklist of its final version (`2.6.0`). */
export const openChecklistOnPrerelease: Feature<"release.prereleased"> = async function openChecklistOnPrerelease(context, config) {
  const decided = releaseChecklist(config, context.payload.release, "prerelease");
  if (decided.kind === "none") {
    await carryOut(context, decided.plan);
    return;
  }
  await openChecklist(context, { ...decided, defaultBranch: context.payload.repository.default_branch });
};

/** `release.created` also fires for releases published directly; only drafts open a checklist. */
export const openChecklistOnDraftRelease: Feature<"release.created"> = async function openChecklistOnDraftRelease(context, config) {
  const decided = releaseChecklist(config, context.payload.release, "draft-release");
  if (decided.kind === "none") {
    await carryOut(context, decided.plan);
    return;
  }
  await openChecklist(context, { ...decided, defaultBranch: context.payload.repository.default_branch });
};
