// A published release closes the open checklist of its version: the release's tag is read with
// the app's tag template (`v{version}`), and the issue is found by its checklist marker.
import { markerMatches, parseChecklistMarker, planCloseChecklist } from "../../policy/checklist/index.js";
import type { ChecklistConfig, Config } from "../../policy/config/index.js";
import { appOfTag } from "../../policy/release/which-app.js";
import { carryOut } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { listChecklistIssues } from "./gather-open.js";

/** The version and app whose checklist a published release closes; undefined when it closes none. */
export function releaseClosesChecklist(
  config: Config,
  release: { readonly tag_name: string; readonly draft: boolean; readonly prerelease: boolean },
): { readonly checklist: ChecklistConfig; readonly app: string; readonly version: string } | undefined {
  const checklist = config.checklist;
  // A candidate (`v2.6.0rc1`) is tried while its final version's checklist stays open.
  if (checklist === null || release.draft || release.prerelease) return undefined;
  const of = appOfTag(release.tag_name, config.apps);
  return of === undefined ? undefined : { checklist, app: of.app, version: of.version };
}

/** The open checklist of that version among the issues carrying the checklist labels (shared with `release-pilot plan`). */
export function checklistOf<I extends { readonly body: string }>(open: readonly I[], of: { readonly app: string; readonly version: string }): I | undefined {
  return open.find((candidate) => markerMatches(parseChecklistMarker(candidate.body), of.version, of.app));
}

export const closeChecklist: Feature<"release.published"> = async function closeChecklist(context, config, options) {
  const { release } = context.payload;
  const of = releaseClosesChecklist(config, release);
  if (of === undefined) return;
  const open = await listChecklistIssues(context.octokit, context.repo(), of.checklist.labels, "open");
  const issue = checklistOf(open, of);
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
