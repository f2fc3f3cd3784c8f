// Environments that follow a branch are deployed on each push to it, for the apps whose files
// the push changed (every app in a single-app repository).

import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import { carryOut } from "../../features/carry-out.js";
import type { Feature } from "../../features/feature.js";
import { pushTrust } from "./push-trust.js";
import { runDeploy } from "./run-deploy.js";
import { noPushDeploy, pushDeploys } from "../../policy/deploy/targets.js";
import { nothing } from "../../policy/plan.js";
import { isThisApp } from "../../policy/identity.js";

export const deployFollowingBranch: Feature<"push"> = async function deployFollowingBranch(context, config, options) {
  const { payload } = context;
  // Only a bot can be this app: a person's push needs no read of who this app is.
  const byThisApp = payload.sender?.type === "Bot" && isThisApp(payload.sender, await context.facts.self());
  const deploys = pushDeploys(config, {
    byThisApp,
    ref: payload.ref,
    after: payload.after,
    deleted: payload.deleted,
    requester: payload.sender?.login ?? payload.pusher.name,
    defaultBranch: payload.repository.default_branch ?? "main",
    commits: payload.commits,
  });
  if (deploys.length === 0) {
    await carryOut(context, nothing("event-not-relevant", noPushDeploy(payload.ref, payload.deleted, byThisApp)), options);
    return;
  }
  for (const { env, app, branch, request } of deploys) {
    const trust = await pushTrust(context, env, payload.after, request.requester, app);
    if (trust.kind === "untrusted") {
      const facts = { repo: context.repo(), sha: payload.after, env: env.name, ...(app === undefined ? {} : { app }), cause: `The push to ${branch}` };
      await carryOut(context, reportAutomaticRefusal(facts, { error: trust.message }), options);
      continue;
    }
    await runDeploy(context, config, request, options);
  }
};
