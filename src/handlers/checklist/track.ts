// Keeping a checklist's progress line current as people tick boxes, and saying once when every
// box is ticked. The bot's own body edit fires `issues.edited` again: those events are ignored
// (sender is a bot), and even when one is not, the policy recomputes the same body and plans
// nothing, so tracking always converges.
import { askedAutoFacts, guardBody, planTrackChecklist, tracksChecklist } from "../../policy/checklist/index.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";

export const trackChecklist: Feature<"issues.opened" | "issues.edited"> = async function trackChecklist(context, config) {
  const { issue, sender, repository } = context.payload;
  const body = issue.body ?? "";
  const not = tracksChecklist(config, { action: context.payload.action, senderType: sender.type, number: issue.number, body });
  if (not !== undefined) {
    await carryOut(context, not);
    return;
  }
  const alreadyAnnouncedReady = await context.facts.announcedReady(issue.number);
  const auto = await context.facts.headAutoFacts(askedAutoFacts(body), repository.default_branch, config.changelog);
  const decision = planTrackChecklist({
    repo: context.repo(),
    issue: { number: issue.number, body, state: issue.state === "closed" ? "closed" : "open" },
    alreadyAnnouncedReady,
    ...(auto === undefined ? {} : { auto }),
  });
  await carryOut(context, guardBody(decision, body));
};
