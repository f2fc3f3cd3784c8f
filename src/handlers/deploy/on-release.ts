// Environments that follow releases are deployed when a release of their app is published
// (finals only, or candidates too with `follows: { release: prereleased }`).

import type { Feature } from "../feature.js";
import { runDeploy } from "./run-deploy.js";
import { releaseDeploy, releaseDeploys } from "../../policy/deploy/targets.js";

export const deployFollowingRelease: Feature<"release.published"> = async function deployFollowingRelease(context, config, options) {
  const { release, repository, sender } = context.payload;
  const deploys = releaseDeploys(config, { tag: release.tag_name, draft: release.draft, prerelease: release.prerelease });
  if (deploys.kind === "none") return;
  if (deploys.kind === "no-app") {
    context.log.info({ tag: release.tag_name }, "the release tag names no app's release; nothing to deploy");
    return;
  }
  const sha = await context.facts.commitOf(release.tag_name);
  if (sha === undefined) throw new Error(`the tag ${release.tag_name} of the published release names no commit`);
  const facts = {
    id: release.id,
    tag: release.tag_name,
    draft: release.draft,
    prerelease: release.prerelease,
    requester: sender?.login ?? release.author?.login ?? "unknown",
    defaultBranch: repository.default_branch,
  };
  if (deploys.waiting.length > 0) {
    context.log.info(
      { tag: release.tag_name, waiting: deploys.waiting.map((env) => env.name) },
      "deployed once the environments they require succeed with this release",
    );
  }
  for (const env of deploys.envs) await runDeploy(context, config, releaseDeploy(config, env, deploys, facts, sha), options);
};
