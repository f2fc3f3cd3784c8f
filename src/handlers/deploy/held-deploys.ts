// A required check finished, as a check run or a commit status: deploys a push held for its
// checks (src/policy/deploy/checks-hold.ts) go ahead now, if the commit is still the head of the
// branch, as the person who pushed. GitHub sends check_run.completed for every app's check runs
// to an app with the checks permission, and `status` for every commit status to an app with the
// statuses permission, so most of these events concern no environment and stop before any API call.

import type { Config } from "../../policy/config/index.js";
import { decideHeld, heldDeploys, planHeldDeployStarted, heldWaitPlan, targetsOfCheck, type HeldDeploy } from "../../policy/deploy/after-checks.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import { nothing } from "../../policy/plan.js";
import { short } from "../../policy/deploy/settings.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import type { FeatureContext } from "../../features/feature.js";
import { pushTrust } from "./push-trust.js";
import { runDeploy } from "./run-deploy.js";
import { followingTargets, heldDeployRequest, heldDeployStart } from "../../policy/deploy/targets.js";

/** What finished: a check run's name, or a commit status's context (`source: "status"`), on a commit. */
export interface FinishedCheck {
  readonly name: string;
  readonly sha: string;
  readonly source?: "status";
}

export async function deployHeldFor(
  context: FeatureContext<"check_run.completed" | "status">,
  config: Config,
  finished: FinishedCheck,
  options: RunOptions,
): Promise<void> {
  const targets = targetsOfCheck(followingTargets(config), finished.name, finished.source);
  const what = finished.source === "status" ? "status" : "check";
  if (targets.length === 0) {
    await carryOut(context, nothing("event-not-relevant", `No environment that follows a branch requires the ${what} ${finished.name}.`), options);
    return;
  }
  const repo = context.repo();
  const { sha } = finished;
  const runs = await context.facts.checkRunsSeen(sha);
  const held = heldDeploys(targets, sha, runs, await context.facts.ownAppId());
  if (held.length === 0) {
    await carryOut(context, nothing("event-not-relevant", `No deploy of ${short(sha)} is held for ${finished.name}.`), options);
    return;
  }
  // A held deploy may wait on check runs and statuses both: each is read as it is now.
  const statuses = await context.facts.commitStatuses(sha);
  const heads = new Map<string, string | undefined>();
  for (const deploy of held) {
    if (!heads.has(deploy.branch)) heads.set(deploy.branch, await context.facts.branchHead(deploy.branch));
    const head = heads.get(deploy.branch);
    const deployed = head === sha && (await context.facts.hasDeployed(deploy.env, sha, deploy.app));
    const decision = decideHeld({ repo, held: deploy, head, deployed, runs, statuses });
    if (decision.kind === "wait") {
      context.log.info({ env: deploy.env, sha, pending: decision.pending }, "the held deploy still waits for checks");
      await carryOut(context, heldWaitPlan(deploy, decision.pending), options);
    } else if (decision.kind === "settle") {
      await carryOut(context, decision.plan, options);
    } else {
      await deployHeld(context, config, deploy, options);
    }
  }
}

async function deployHeld(context: FeatureContext<"check_run.completed" | "status">, config: Config, held: HeldDeploy, options: RunOptions): Promise<void> {
  const env = config.environments.find((candidate) => candidate.name === held.env);
  if (env === undefined) return;
  const repo = context.repo();
  const cause = `The push to ${held.branch}`;
  const app = held.app === undefined ? {} : { app: held.app };
  // Trust is the pusher's, read again now: the CI that finished the check vouches for nobody.
  const trust = await pushTrust(context, env, held.sha, held.pusher, held.app);
  if (trust.kind === "untrusted") {
    await carryOut(context, reportAutomaticRefusal({ repo, sha: held.sha, env: env.name, ...app, cause }, { error: trust.message }), options);
    return;
  }
  const chosen = await runDeploy(context, config, heldDeployRequest(env, held, context.payload.repository.default_branch), options);
  const started = heldDeployStart(chosen);
  if (started !== undefined) await carryOut(context, planHeldDeployStarted({ repo, held }, started), options);
}
