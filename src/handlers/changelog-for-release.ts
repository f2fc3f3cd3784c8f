// A published release's notes become a changelog file (by pull request or commit); it decides from
// the payload and the config, and for a commit from the default branch's protection as well.
import { changelogPrFacts } from "../policy/release/changelog-facts.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature } from "../features/feature.js";

export const changelogForRelease: Feature<"release.published"> = async function changelogForRelease(context, config) {
  const facts = changelogPrFacts(context.repo(), context.payload, config);
  // A changelog committed straight to the default branch needs its protection (and where to say a refusal).
  const commits = facts.apps.some((app) => app.changelog?.via === "commit");
  const protection = commits ? await context.facts.branchProtection(facts.defaultBranch) : undefined;
  const releasedCommit = commits
    ? await context.facts.releasedCommit({ tag: facts.release.tag, targetCommitish: context.payload.release.target_commitish })
    : undefined;
  await carryOut(
    context,
    planChangelogForRelease({ ...facts, ...(protection === undefined ? {} : { protection }), ...(releasedCommit === undefined ? {} : { releasedCommit }) }),
  );
};
