// A published release closes the open checklist of its version: the release's tag is read with
// the app's tag template (`v{version}`), and the issue is found by its checklist marker.
import { checklistOf, planCloseChecklist, releaseClosesChecklist } from "../../policy/checklist/index.js";
import { nothing } from "../../policy/plan.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";

export const closeChecklist: Feature<"release.published"> = async function closeChecklist(context, config) {
  const { release } = context.payload;
  const of = releaseClosesChecklist(config, release);
  if (of.kind === "none") {
    await carryOut(context, of.plan);
    return;
  }
  const issue = checklistOf(await context.facts.checklistIssues(of.checklist.labels, "open"), of);
  const decision =
    issue === undefined
      ? nothing("event-not-relevant", `No open checklist for ${of.app} ${of.version}.`)
      : planCloseChecklist({
          repo: context.repo(),
          issue: { number: issue.number, state: issue.state },
          release: { tag: release.tag_name, url: release.html_url, name: release.name ?? release.tag_name },
        });
  await carryOut(context, decision);
};
