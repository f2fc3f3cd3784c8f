// `plan --event issues`: what issuesFeatures (src/handlers/events/issues.ts) would do with an
// opened or edited issue: keep a checklist's progress line current and say once that it is ready.
import { z } from "zod";
import { askedAutoFacts } from "../handlers/checklist/auto-facts.js";
import { guardBody, tracksChecklist } from "../handlers/checklist/track.js";
import { issuesFeatures } from "../handlers/events/issues.js";
import { planTrackChecklist, type AutoFacts } from "../policy/checklist/index.js";
import { nothing, type Plan } from "../policy/plan.js";
import { planDashboard, planFeatures, single } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";

export const IssuesPayload = z.object({
  action: z.string(),
  issue: z.object({ number: z.number(), body: z.string().nullable(), state: z.string() }),
  sender: z.object({ login: z.string(), type: z.string().optional() }),
  repository: Repository,
});

type Issues = PlanInput<z.infer<typeof IssuesPayload>>;

/** gatherAutoFacts's answer: read only when the body has items asking for it. */
function autoFacts(input: Issues, body: string): AutoFacts | undefined {
  const wanted = askedAutoFacts(body);
  if (!wanted.ci && !wanted.changelog && !wanted.staging) return undefined;
  const given = input.facts.auto;
  if (given === undefined) input.assumed.add("auto: what the default branch's head shows is unknown, so no auto item is ticked");
  return given;
}

function trackChecklist(input: Issues): Plan {
  const { issue, sender, action } = input.payload;
  const body = issue.body ?? "";
  if (!tracksChecklist(input.config, { action, senderType: sender.type, body })) {
    return nothing("event-not-relevant", `Issue #${issue.number} is not a checklist the bot tracks on this event.`);
  }
  const announced = input.facts.alreadyAnnouncedReady;
  if (announced === undefined) input.assumed.add(`alreadyAnnouncedReady: the bot has not yet said #${issue.number} is ready`);
  const auto = autoFacts(input, body);
  const decision = planTrackChecklist({
    repo: input.repo,
    issue: { number: issue.number, body, state: issue.state === "closed" ? "closed" : "open" },
    alreadyAnnouncedReady: announced ?? false,
    ...(auto === undefined ? {} : { auto }),
  });
  return guardBody(decision, body);
}

export function planIssues(input: Issues): PlannedPart[] | string {
  if (input.payload.action !== "opened" && input.payload.action !== "edited")
    return `issues.${input.payload.action} sets nothing off; the bot acts on opened and edited.`;
  return planFeatures(input, issuesFeatures, { trackChecklist: single("trackChecklist", trackChecklist), refreshDashboard: planDashboard });
}
