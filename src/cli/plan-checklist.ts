// Checklist decisions shared by several events (a new release branch, a prerelease, a draft,
// /checklist): gatherOpenChecklist's reads (the template, the labelled issues) from the facts.
import { checklistSettings } from "../handlers/checklist/gather-open.js";
import { planOpenChecklist, type ChecklistIssue, type ChecklistTrigger } from "../policy/checklist/index.js";
import type { ChecklistConfig } from "../policy/config/index.js";
import type { Plan } from "../policy/plan.js";
import { render } from "../policy/template.js";
import type { PlanInput } from "./plan-input.js";

/** Issues carrying the checklist labels, open and closed; none when not given. */
export function checklistIssues(input: PlanInput<unknown>, state: "all" | "open"): readonly (ChecklistIssue & { readonly url?: string })[] {
  const given = input.facts.checklists;
  if (given === undefined) {
    input.assumed.add("checklists: no issue carries the checklist labels");
    return [];
  }
  return given.filter((issue) => state === "all" || issue.state === "open");
}

export function planChecklistOpening(
  input: PlanInput<unknown>,
  open: { readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger },
): Plan {
  const { checklist } = open;
  const templateText = input.facts.template;
  if (templateText === undefined) input.assumed.add(`template: ${checklist.template ?? "the template"} not given, so the built-in checklist is used`);
  return planOpenChecklist({
    repo: input.repo,
    app: open.app,
    trigger: open.trigger,
    settings: checklistSettings(checklist),
    templateText,
    existing: checklistIssues(input, "all"),
    render,
  });
}
