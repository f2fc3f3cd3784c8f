// Keeping a checklist's progress line current as people tick boxes, and saying once when every
// box is ticked. The bot's own body edit fires `issues.edited` again: those events are ignored
// (sender is a bot), and even when one is not, the policy recomputes the same body and plans
// nothing, so tracking always converges.
import { isThisApp } from "../../github/identity.js";
import { hasKey } from "../../github/marker.js";
import { parseChecklistMarker, planTrackChecklist } from "../../policy/checklist/index.js";
import type { Config } from "../../policy/config/index.js";
import type { Plan } from "../../policy/plan.js";
import { carryOut } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { gatherAutoFacts } from "./auto-facts.js";

/** The key of the bot's "ready to release" comment, as `planTrackChecklist` names it. */
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

/** Whether an issue event is about a checklist to track, from the payload and config alone (shared with `release-pilot plan`). */
export function tracksChecklist(config: Config, event: { readonly action: string; readonly senderType: string | undefined; readonly body: string }): boolean {
  if (config.checklist === null) return false;
  // Our own edits (and other bots') come back as `edited`; the bot's own `opened` is what adds
  // the progress line to a checklist it just opened, so that one is kept.
  if (event.action === "edited" && event.senderType === "Bot") return false;
  // Most issues are not checklists: they cost no API call.
  return parseChecklistMarker(event.body) !== undefined;
}

export const trackChecklist: Feature<"issues.opened" | "issues.edited"> = async function trackChecklist(context, config, options) {
  const { issue, sender, repository } = context.payload;
  const body = issue.body ?? "";
  if (!tracksChecklist(config, { action: context.payload.action, senderType: sender.type, body })) return;
  const repo = context.repo();
  const comments = await context.octokit.paginate(context.octokit.rest.issues.listComments, {
    ...repo,
    issue_number: issue.number,
    per_page: 100,
  });
  // Only this app's own comment says it announced: the marker is text anyone can paste.
  const self = await options.self();
  const alreadyAnnouncedReady = comments.some((comment) => isThisApp(comment.user, self) && hasKey(comment.body, readyCommentKey(issue.number)));
  const auto = await gatherAutoFacts(context.octokit, repo, { body, defaultBranch: repository.default_branch, config, self });
  const decision = planTrackChecklist({
    repo,
    issue: { number: issue.number, body, state: issue.state === "closed" ? "closed" : "open" },
    alreadyAnnouncedReady,
    ...(auto === undefined ? {} : { auto }),
  });
  await carryOut(context, guardBody(decision, body), options);
};
