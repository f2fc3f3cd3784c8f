// Environments that follow a branch are deployed on each push to it, for the apps whose files
// the push changed (every app in a single-app repository).

import { appsToDeploy } from "../../policy/deploy/paths.js";
import { reportAutomaticRefusal } from "../../policy/deploy/automatic-refusal.js";
import { carryOut } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { pushTrust } from "./push-trust.js";
import { deployedApp, runDeploy } from "./run-deploy.js";

export const deployFollowingBranch: Feature<"push"> = async function deployFollowingBranch(context, config, options) {
  const { payload } = context;
  if (payload.deleted || !payload.ref.startsWith("refs/heads/")) return;
  const branch = payload.ref.slice("refs/heads/".length);
  const requester = payload.sender?.login ?? payload.pusher.name;
  for (const env of config.environments) {
    if (env.follows?.kind !== "branch" || env.follows.branch !== branch) continue;
    const apps = config.apps.filter((app) => env.apps.includes(app.name));
    const chosen = config.apps.length > 1 ? appsToDeploy(apps, payload.commits) : apps.map((app) => app.name);
    for (const name of chosen) {
      const app = deployedApp(config, name);
      const trust = await pushTrust(context.octokit, context.repo(), env, payload.after, requester, app);
      if (trust.kind === "untrusted") {
        const facts = { repo: context.repo(), sha: payload.after, env: env.name, ...(app === undefined ? {} : { app }), cause: `The push to ${branch}` };
        await carryOut(context, reportAutomaticRefusal(facts, { error: trust.message }), options);
        continue;
      }
      await runDeploy(
        context,
        config,
        {
          env,
          ...(app === undefined ? {} : { app }),
          sha: payload.after,
          trigger: `push-${payload.after}`,
          requester,
          withMigrations: false,
          approvals: [],
          cause: `The push to ${branch}`,
          defaultBranch: payload.repository.default_branch ?? "main",
        },
        options,
      );
    }
  }
};
