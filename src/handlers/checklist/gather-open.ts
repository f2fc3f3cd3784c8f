// The facts every way of opening a checklist shares: the template from the default branch and
// the issues already carrying the checklist labels (the policy refuses a second one per version).
import type { GitHub } from "../../github/client.js";
import { readFile } from "../../github/git.js";
import type { ChecklistIssue, ChecklistSettings, ChecklistTrigger, OpenChecklistFacts } from "../../policy/checklist/index.js";
import type { ChecklistConfig } from "../../policy/config/index.js";
import type { RepoRef } from "../../policy/plan.js";
import { render } from "../../policy/template.js";

/** A checklist issue as listed, with the address a reply can link to. */
export interface FoundChecklistIssue extends ChecklistIssue {
  readonly url: string;
}

export function checklistSettings(checklist: ChecklistConfig): ChecklistSettings {
  return {
    title: checklist.title,
    labels: checklist.labels,
    requireComplete: checklist.requireComplete,
    openOn: checklist.openOn,
    template: checklist.template,
  };
}

/** Issues with the checklist labels, newest 100, open or closed; pull requests left out. */
export async function listChecklistIssues(
  octokit: GitHub,
  repo: RepoRef,
  labels: readonly string[],
  state: "all" | "open",
): Promise<readonly FoundChecklistIssue[]> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    state,
    ...(labels.length > 0 ? { labels: labels.join(",") } : {}),
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data
    .filter((issue) => issue.pull_request === undefined)
    .map((issue) => ({
      number: issue.number,
      state: issue.state === "closed" ? ("closed" as const) : ("open" as const),
      body: issue.body ?? "",
      url: issue.html_url,
    }));
}

export interface GatheredOpen {
  readonly facts: OpenChecklistFacts;
  readonly existing: readonly FoundChecklistIssue[];
}

export async function gatherOpenChecklist(input: {
  readonly octokit: GitHub;
  readonly repo: RepoRef;
  readonly checklist: ChecklistConfig;
  readonly defaultBranch: string;
  readonly app: string;
  readonly trigger: ChecklistTrigger;
}): Promise<GatheredOpen> {
  const { octokit, repo, checklist } = input;
  const templateText = await readFile(octokit, repo, checklist.template, input.defaultBranch);
  const existing = await listChecklistIssues(octokit, repo, checklist.labels, "all");
  return {
    existing,
    facts: {
      repo,
      app: input.app,
      trigger: input.trigger,
      settings: checklistSettings(checklist),
      templateText,
      existing,
      render,
    },
  };
}
