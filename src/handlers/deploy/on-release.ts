// Environments that follow releases are deployed when a release of their app is published.

import { appOfTag } from "../../policy/release/which-app.js";
import type { Feature } from "../feature.js";
import { resolveCommit } from "./gather.js";
import { deployedApp, runDeploy } from "./run-deploy.js";

export const deployFollowingRelease: Feature<"release.published"> = async function deployFollowingRelease(context, config, options) {
  const { release, repository, sender } = context.payload;
  const envs = config.environments.filter((env) => env.follows?.kind === "release" && env.follows.on === "published");
  if (envs.length === 0 || release.draft) return;
  const of = appOfTag(release.tag_name, config.apps);
  if (of === undefined) {
    context.log.info({ tag: release.tag_name }, "the release tag names no app's release; nothing to deploy");
    return;
  }
  const sha = await resolveCommit(context.octokit, context.repo(), release.tag_name);
  if (sha === undefined) throw new Error(`the tag ${release.tag_name} of the published release names no commit`);
  for (const env of envs) {
    if (!env.apps.includes(of.app)) continue;
    const app = deployedApp(config, of.app);
    await runDeploy(
      context,
      config,
      {
        env,
        ...(app === undefined ? {} : { app }),
        sha,
        version: of.version,
        tag: release.tag_name,
        trigger: `release-${release.id}`,
        requester: sender?.login ?? release.author?.login ?? "unknown",
        withMigrations: false,
        approvals: [],
        cause: `Release ${release.tag_name}`,
        defaultBranch: repository.default_branch,
      },
      options,
    );
  }
};
