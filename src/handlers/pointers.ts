// After a final release is published, move the configured pointers (a `stable` tag, a `latest`
// branch) to its commit, forward only; policy decides, this reads the tags and the commit.
import { carryOut } from "../features/carry-out.js";
import type { Feature } from "../features/feature.js";
import { planPointers, releaseMovesPointers } from "../policy/release/pointers.js";

export const movePointers: Feature<"release.published"> = async function movePointers(context, config, options) {
  const { release } = context.payload;
  const skip = releaseMovesPointers(config, release);
  if (skip !== undefined) {
    await carryOut(context, skip, options);
    return;
  }
  const commit = await context.facts.commitOf(release.tag_name);
  const tags = await context.facts.tagNames();
  await carryOut(context, planPointers({ repo: context.repo(), config, release, tags, commit }), options);
};
