// A published release's notes become a changelog file (by pull request or commit); everything it
// decides from is in the payload and the config.
import { changelogPrFacts } from "../policy/release/changelog-facts.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature } from "../features/feature.js";

export const changelogForRelease: Feature<"release.published"> = async function changelogForRelease(context, config) {
  await carryOut(context, planChangelogForRelease(changelogPrFacts(context.repo(), context.payload, config)));
};
