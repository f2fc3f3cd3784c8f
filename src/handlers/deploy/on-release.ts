// Environments that follow releases are deployed when a release of their app is published
// (finals only, or candidates too with `follows: { release: prereleased }`).

import type { Feature } from "../../features/feature.js";
import { runDeploy } from "./run-deploy.js";
import { carryOut } from "../../features/carry-out.js";
import { nothing } from "../../policy/plan.js";
import { olderLineRelease } from "../../policy/release/line.js";
import { noReleaseDeploy, releaseDeploy, releaseDeploys, releaseWaitPlans } from "../../policy/deploy/targets.js";

export const deployFollowingRelease: Feature<"release.published"> = async function deployFollowingRelease(context, config, options) {
  const { release, repository, sender } = context.payload;
  const deploys = releaseDeploys(config, { tag: release.tag_name, draft: release.draft, prerelease: release.prerelease });
  if (deploys.kind !== "deploy") {
    context.log.info({ tag: release.tag_name }, "the release deploys nothing");
    await carryOut(context, nothing("event-not-relevant", noReleaseDeploy({ tag: release.tag_name, prerelease: release.prerelease }, deploys.kind)), options);
    return;
  }
  // Release lines: a patch of an older line never moves what follows releases back.
  const older = config.lines.releaseBranch === null ? undefined : olderLineRelease(config, release.tag_name, await context.facts.tagNames());
  if (older !== undefined) {
    await carryOut(context, nothing("gate-refused", older), options);
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
  for (const env of deploys.envs) await runDeploy(context, config, releaseDeploy(config, env, deploys, facts, sha), options);
  // Deployed by the deployment_status of what they require, not by this event.
  for (const later of releaseWaitPlans(deploys.waiting, release.tag_name)) await carryOut(context, later, options);
};
