// A person ticked a box on the Release Dashboard: which offer (if any) that runs, and the comment
// that records who asked, which the command then runs as (so its reply, 👀 and refusals land on
// the dashboard issue like a typed command's).
import { inertText, mention } from "../markdown/inert.js";
import { nothing, plan, type Comment, type Plan, type RepoRef } from "../plan.js";
import type { Offer } from "./offers.js";

export interface TickFacts {
  readonly repo: RepoRef;
  readonly issueNumber: number;
  /** The issue's `updated_at` in this edit's payload: a redelivery of the edit has the same. */
  readonly editedAt: string;
  readonly sender: { readonly login: string; readonly isBot: boolean };
  /** Offer ids whose box this edit ticked (tickedOfferIds). */
  readonly ticked: readonly string[];
  /** What the dashboard offers now, from GitHub's state (dashboardOffers). */
  readonly offers: readonly Offer[];
}

export type TickDecision =
  | { readonly kind: "nothing"; readonly plan: Plan }
  /** Post `announce`, then run `offer.command` as `sender`, as a comment of theirs would. */
  | { readonly kind: "run"; readonly offer: Offer; readonly announce: Comment; readonly plan: Plan };

export function decideTick(facts: TickFacts): TickDecision {
  if (facts.sender.isBot) return { kind: "nothing", plan: nothing("event-not-relevant", "A bot's edit of the dashboard runs nothing.") };
  const [first, ...others] = facts.ticked;
  if (first === undefined) return { kind: "nothing", plan: nothing("event-not-relevant", "The edit ticked no box of the Release Dashboard.") };
  const who = mention(facts.sender.login);
  const offer = facts.offers.find((candidate) => candidate.id === first);
  if (offer === undefined) {
    const gone: Comment = {
      kind: "comment",
      key: `dashboard-tick:${first}:${facts.editedAt}`,
      repo: facts.repo,
      issueNumber: facts.issueNumber,
      body: `${who} the box \`${inertText(first).replace(/`/g, "")}\` is not offered any more (what is deployed changed since the dashboard was drawn), so nothing was run; the dashboard now shows what is offered.`,
    };
    return { kind: "nothing", plan: plan("A ticked box is no longer offered.", [gone]) };
  }
  // One command per edit: a second ticked box would run on a state the first one is changing.
  const also =
    others.length === 0
      ? ""
      : ` The other ${others.length === 1 ? "box" : `${others.length} boxes`} ticked in the same edit did not run; tick ${others.length === 1 ? "it" : "them"} again once this is done.`;
  const announce: Comment = {
    kind: "comment",
    key: `dashboard-tick:${offer.id}:${facts.editedAt}`,
    repo: facts.repo,
    issueNumber: facts.issueNumber,
    body: `${who} ticked **${inertText(offer.label)}** on the dashboard, which runs \`${offer.command}\` as ${who}.${also}`,
  };
  return { kind: "run", offer, announce, plan: plan(`Run ${offer.command} for a dashboard tick.`, [announce]) };
}
