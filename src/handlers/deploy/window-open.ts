// A window-open timer came due (src/policy/deploy/window-hold.ts): read the branch's head, whether
// the commit is deployed and the pusher's trust again, then deploy the held commit as the pusher,
// or settle the hold. Whether the window is really open now is the deploy's own decision: one
// still closed (a freeze added meanwhile) is held again until the next opening.
import type { FeatureContext } from "../../features/feature.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import type { Config } from "../../policy/config/index.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import { heldDeployStart } from "../../policy/deploy/targets.js";
import { decideWindowOpen, windowOpenReads, windowStartedPlan } from "../../policy/deploy/window-hold.js";
import type { WindowOpenTimer } from "../../policy/timers.js";
import { pushTrust } from "./push-trust.js";
import { runDeploy } from "./run-deploy.js";

export async function runWindowOpen(context: FeatureContext, config: Config, timer: WindowOpenTimer, options: RunOptions): Promise<void> {
  const repo = context.repo();
  const reads = windowOpenReads(config, timer);
  const head = reads === undefined ? undefined : await context.facts.branchHead(reads.branch);
  const deployed = head === timer.sha && (await context.facts.hasDeployed(timer.environment, timer.sha, timer.app));
  const defaultBranch = await context.facts.defaultBranchOf(repo);
  const decision = decideWindowOpen(config, timer, { repo, head, deployed, defaultBranch });
  if (decision.kind === "settle") {
    await carryOut(context, decision.plan, options);
    return;
  }
  const trust = await pushTrust(context, decision.request.env, timer.sha, timer.pusher, timer.app);
  if (trust.kind === "untrusted") {
    const facts = { repo, sha: timer.sha, env: timer.environment, ...(timer.app === undefined ? {} : { app: timer.app }), cause: decision.request.cause ?? "" };
    await carryOut(context, reportAutomaticRefusal(facts, { error: trust.message }), options);
    return;
  }
  const started = heldDeployStart(await runDeploy(context, config, decision.request, options));
  if (started !== undefined) await carryOut(context, windowStartedPlan(repo, timer, started), options);
}
