// issues.edited on the Release Dashboard: a person ticked a box. The offer is looked up among
// those the current state makes (policy/dashboard/offers.ts says why the body is not trusted),
// the tick is recorded in a comment of the bot's, and the command runs as the person through
// the same intake as a typed one: their permission, the environment's gates, the reply.
import type { Config } from "../policy/config/index.js";
import { DASHBOARD_MARKER, dashboardOffers, decideTick, tickedOfferIds } from "../policy/dashboard/index.js";
import { isThisApp } from "../policy/identity.js";
import { nothing } from "../policy/plan.js";
import { carryOut, type RunOptions } from "../features/carry-out.js";
import type { Feature, FeatureContext } from "../features/feature.js";
import { onIssueComment } from "./issue-comment.js";
import { gatherStatus } from "./status-facts.js";

type IssuesContext = FeatureContext<"issues.opened" | "issues.edited">;

export const runDashboardTick: Feature<"issues.opened" | "issues.edited"> = async function runDashboardTick(
  context: IssuesContext,
  config: Config,
  options: RunOptions,
) {
  const { payload } = context;
  const before = payload.action === "edited" ? payload.changes?.body?.from : undefined;
  const issue = payload.issue;
  const body = issue.body ?? "";
  if (!config.dashboard || before === undefined || !body.includes(DASHBOARD_MARKER) || !isThisApp(issue.user, await context.facts.self())) {
    await carryOut(context, nothing("event-not-relevant", "The edit is not a tick on this app's Release Dashboard."), options);
    return;
  }
  const ticked = tickedOfferIds(before, body);
  const offers = ticked.length === 0 ? [] : dashboardOffers(await gatherStatus(context, config, undefined));
  const decision = decideTick({
    repo: context.repo(),
    issueNumber: issue.number,
    editedAt: issue.updated_at,
    sender: { login: payload.sender.login, isBot: payload.sender.type === "Bot" },
    ticked,
    offers,
  });
  const effects = await carryOut(context, decision.plan, options);
  if (decision.kind !== "run") return;
  const commentId = effects.find((effect) => effect.key === decision.announce.key)?.id;
  if (commentId === undefined) return; // a dry run: the command's own plan needs the comment
  // The command runs as if the person had typed it in a comment on the dashboard: the bot's
  // comment stands in for theirs (its id keys the command's reply and deployment), with them as author.
  const asComment = {
    ...context,
    name: "issue_comment",
    payload: {
      action: "created",
      comment: { id: commentId, body: decision.offer.command, user: { login: payload.sender.login, type: payload.sender.type } },
      issue,
      sender: payload.sender,
      repository: payload.repository,
      ...(payload.installation === undefined ? {} : { installation: payload.installation }),
    },
  } as unknown as FeatureContext<"issue_comment.created">;
  await onIssueComment(asComment, options);
};
