// Keeping a checklist issue's progress line current as people tick boxes, ticking the items the
// bot knows about, and saying once, in a comment, when everything is done.

import { type Action, type Plan, type RepoRef, nothing, plan } from "../plan.js";
import { type AutoFacts, autoTick } from "./auto-items.js";
import { crossedOutLines } from "./describe-items.js";
import { parseChecklistMarker } from "./marker.js";
import { countProgress, withProgressLine } from "./progress.js";

export interface TrackChecklistFacts {
  readonly repo: RepoRef;
  readonly issue: { readonly number: number; readonly body: string; readonly state: "open" | "closed" };
  /** The bot has already posted its ready comment on this issue. */
  readonly alreadyAnnouncedReady: boolean;
  /** What the bot knows about the release commit, for items marked `release-pilot:auto`. */
  readonly auto?: AutoFacts;
}

/** The key of the bot's "ready to release" comment: how a later edit knows it was said. */
export function readyCommentKey(issueNumber: number): string {
  return `checklist-ready:${issueNumber}`;
}

/**
 * The update was computed from `body`; the executor skips it if the issue changed since, so a
 * box ticked between our read and our write is not lost (its own event comes next).
 */
export function guardBody(decision: Plan, body: string): Plan {
  return {
    ...decision,
    actions: decision.actions.map((action) => (action.kind === "update-issue" && action.body !== undefined ? { ...action, expectedBody: body } : action)),
  };
}

export function planTrackChecklist(facts: TrackChecklistFacts): Plan {
  const { issue, repo } = facts;
  const marker = parseChecklistMarker(issue.body);
  if (marker === undefined) return nothing("event-not-relevant", `Issue #${issue.number} is not a release checklist.`);
  if (issue.state === "closed") return nothing("event-not-relevant", `Checklist #${issue.number} is closed.`);

  const ticked = facts.auto === undefined ? issue.body : autoTick(issue.body, facts.auto).body;
  const progress = countProgress(ticked);
  // Recomputed from the edited body, so the bot's own edit comes back as "no change" and the
  // `issues.edited` event it causes ends here.
  const body = withProgressLine(ticked, progress);
  const counted = `${progress.done} of ${progress.total} items done`;
  const actions: Action[] = [];
  if (body !== issue.body) {
    actions.push({ kind: "update-issue", key: `checklist-progress:${issue.number}`, repo, number: issue.number, body });
  }
  const ready = progress.total > 0 && progress.open.length === 0;
  if (ready && !facts.alreadyAnnouncedReady) {
    actions.push({ kind: "comment", key: readyCommentKey(issue.number), repo, issueNumber: issue.number, body: readyComment(marker.version, progress) });
  }
  if (actions.length === 0) return nothing("already-done", `Checklist #${issue.number} is up to date (${counted}).`);
  const announce = actions.some((action) => action.kind === "comment") ? " and say it is ready to release" : "";
  const update = body !== issue.body ? `Update the progress of checklist #${issue.number} (${counted})` : `Checklist #${issue.number} is complete`;
  return plan(`${update}${announce}.`, actions);
}

function readyComment(version: string, progress: ReturnType<typeof countProgress>): string {
  const all = progress.total === 1 ? "The one checklist item is" : `All ${progress.total} checklist items are`;
  const lines = [`${all} done: ${version} is ready to release. Type \`/release\` in a comment here to release it.`];
  if (progress.crossedOut.length > 0) {
    lines.push("", "Crossed out:", ...crossedOutLines(progress.crossedOut));
  }
  return lines.join("\n");
}
