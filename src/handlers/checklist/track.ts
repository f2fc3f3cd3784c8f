// Keeping a checklist's progress line current as people tick boxes, and saying once when every
// box is ticked. The bot's own body edit fires `issues.edited` again: those events are ignored
// (sender is a bot), and even when one is not, the policy recomputes the same body and plans
// nothing, so tracking always converges.
import { askedAutoFacts, guardBody, planTrackChecklist, tracksChecklist } from "../../policy/checklist/index.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature, FeatureContext } from "../../features/feature.js";
import type { Config } from "../../policy/config/index.js";

export const trackChecklist: Feature<"issues.opened" | "issues.edited"> = async function trackChecklist(context, config) {
  const { issue, sender, repository } = context.payload;
  const body = issue.body ?? "";
  const not = tracksChecklist(config, { action: context.payload.action, senderType: sender.type, number: issue.number, body });
  if (not !== undefined) {
    await carryOut(context, not);
    return;
  }
  await trackIssue(context, config, { number: issue.number, body, state: issue.state === "closed" ? "closed" : "open" }, repository.default_branch);
};

/** Reads what the checklist's auto items ask about and brings its body and ready comment up to date. */
export async function trackIssue(
  context: FeatureContext,
  config: Config,
  issue: { readonly number: number; readonly body: string; readonly state: "open" | "closed" },
  defaultBranch: string,
): Promise<void> {
  const alreadyAnnouncedReady = await context.facts.announcedReady(issue.number);
  const auto = await context.facts.headAutoFacts(askedAutoFacts(issue.body), defaultBranch, config.changelog);
  const decision = planTrackChecklist({
    repo: context.repo(),
    issue,
    alreadyAnnouncedReady,
    ...(auto === undefined ? {} : { auto }),
  });
  await carryOut(context, guardBody(decision, issue.body));
}
