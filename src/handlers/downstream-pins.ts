// After a final release, raise each downstream repository's pin: the downstream files and the
// released commit are read through the facts, policy decides the pull requests.
import { planDownstreamPins } from "../policy/release/downstream.js";
import { downstreamFacts, pinsNotRaised } from "../policy/release/downstream-facts.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature } from "../features/feature.js";

export const downstreamPins: Feature<"release.published"> = async function downstreamPins(context, config) {
  const { release } = context.payload;
  const not = pinsNotRaised(config, release);
  if (not !== undefined) {
    await carryOut(context, not);
    return;
  }
  const downstream = await context.facts.downstreamFiles(config.downstream);
  const sha = await context.facts.releasedCommit({ tag: release.tag_name, targetCommitish: release.target_commitish });
  await carryOut(context, planDownstreamPins(downstreamFacts(config, context.repo(), release, downstream, sha)));
};
