// A commit status turned success on the default branch's head (Jenkins, external CI): the open
// checklists with a `ci-green` item read CI again, as an edit of the issue would, so the item is
// ticked without anyone touching the issue (src/policy/checklist/ci-green.ts).
import { askedAutoFacts, parseChecklistMarker } from "../../policy/checklist/index.js";
import { statusMovesChecklists } from "../../policy/checklist/ci-green.js";
import { nothing } from "../../policy/plan.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { trackIssue } from "./track.js";

export const trackChecklistsOnStatus: Feature<"status"> = async function trackChecklistsOnStatus(context, config) {
  const { payload } = context;
  const defaultBranch = payload.repository.default_branch;
  const not = statusMovesChecklists(config, {
    state: payload.state,
    sha: payload.sha,
    context: payload.context,
    branches: payload.branches ?? [],
    defaultBranch,
  });
  if (not !== undefined || config.checklist === null) {
    await carryOut(context, not ?? nothing("event-not-relevant", "No checklist is configured."));
    return;
  }
  const open = await context.facts.checklistIssues(config.checklist.labels, "open");
  const asking = open.filter((issue) => parseChecklistMarker(issue.body) !== undefined && askedAutoFacts(issue.body).ci);
  if (asking.length === 0) {
    await carryOut(context, nothing("event-not-relevant", "No open checklist has a ci-green item."));
    return;
  }
  for (const issue of asking) await trackIssue(context, config, { number: issue.number, body: issue.body, state: issue.state }, defaultBranch);
};
