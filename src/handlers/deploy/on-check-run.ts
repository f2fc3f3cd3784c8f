// A required check finished: deploys a push held for its checks (src/policy/deploy/checks-hold.ts)
// go ahead now, if the commit is still the head of the branch, as the person who pushed. GitHub
// sends check_run.completed for every app's check runs to an app with the checks permission, so
// most of these events concern no environment and stop before any API call.

import type { Config } from "../../policy/config/index.js";
import { decideHeld, heldDeploys, planHeldDeployStarted, heldWaitPlan, targetsOfCheck, type HeldDeploy } from "../../policy/deploy/after-checks.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import { nothing } from "../../policy/plan.js";
import { short } from "../../policy/deploy/settings.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { pushTrust } from "./push-trust.js";
import { runDeploy } from "./run-deploy.js";
import { followingTargets, heldDeployRequest, heldDeployStart } from "../../policy/deploy/targets.js";

type CheckRunContext = Parameters<Feature<"check_run.completed">>[0];

export const deployAfterChecks: Feature<"check_run.completed"> = async function deployAfterChecks(context, config, options) {
  const { check_run: finished } = context.payload;
  const targets = targetsOfCheck(followingTargets(config), finished.name);
  if (targets.length === 0) {
    await carryOut(context, nothing("event-not-relevant", `No environment that follows a branch requires the check ${finished.name}.`), options);
    return;
  }
  const repo = context.repo();
  const sha = finished.head_sha;
  const runs = await context.facts.checkRunsSeen(sha);
  const held = heldDeploys(targets, sha, runs, await context.facts.ownAppId());
  if (held.length === 0) {
    await carryOut(context, nothing("event-not-relevant", `No deploy of ${short(sha)} is held for ${finished.name}.`), options);
    return;
  }
  const heads = new Map<string, string | undefined>();
  for (const deploy of held) {
    if (!heads.has(deploy.branch)) heads.set(deploy.branch, await context.facts.branchHead(deploy.branch));
    const head = heads.get(deploy.branch);
    const deployed = head === sha && (await context.facts.hasDeployed(deploy.env, sha, deploy.app));
    const decision = decideHeld({ repo, held: deploy, head, deployed, runs });
    if (decision.kind === "wait") {
      context.log.info({ env: deploy.env, sha, pending: decision.pending }, "the held deploy still waits for checks");
      await carryOut(context, heldWaitPlan(deploy, decision.pending), options);
    } else if (decision.kind === "settle") {
      await carryOut(context, decision.plan, options);
    } else {
      await deployHeld(context, config, deploy, options);
    }
  }
};

async function deployHeld(context: CheckRunContext, config: Config, held: HeldDeploy, options: RunOptions): Promise<void> {
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
