// A published release closes the open checklist of its version: the release's tag is read with
// the app's tag template (`v{version}`), and the issue is found by its checklist marker.
import { markerMatches, parseChecklistMarker, planCloseChecklist } from "../../policy/checklist/index.js";
import { appOfTag } from "../../policy/release/which-app.js";
import { carryOut } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { listChecklistIssues } from "./gather-open.js";

export const closeChecklist: Feature<"release.published"> = async function closeChecklist(context, config, options) {
  const { release } = context.payload;
  const checklist = config.checklist;
  // A candidate (`v2.6.0rc1`) is tried while its final version's checklist stays open.
  if (checklist === null || release.draft || release.prerelease) return;
  const of = appOfTag(release.tag_name, config.apps);
  if (of === undefined) return;
  const open = await listChecklistIssues(context.octokit, context.repo(), checklist.labels, "open");
  const issue = open.find((candidate) => markerMatches(parseChecklistMarker(candidate.body), of.version, of.app));
  if (issue === undefined) {
    context.log.info({ delivery: context.id, tag: release.tag_name }, "no open checklist for this release");
    return;
  }
  const decision = planCloseChecklist({
    repo: context.repo(),
    issue: { number: issue.number, state: issue.state },
    release: { tag: release.tag_name, url: release.html_url, name: release.name ?? release.tag_name },
  });
  await carryOut(context, decision, options);
};
