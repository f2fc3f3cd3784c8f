// On a push to the default branch, refresh each affected app's draft release. The feature reads
// (the changed files when the payload was cut short, one page of releases, closed PRs back to
// the oldest previous release) and policy decides; see src/policy/notes/.
import type { Config } from "../policy/config/index.js";
import { draftNotesFacts, notesNotDrafted, pullsToRead, pushedFilesSource } from "../policy/notes/draft-facts.js";
import { planDraftNotes, readBackTo, type DraftNotesFacts } from "../policy/notes/index.js";
import { carryOut } from "../features/carry-out.js";
import type { Feature, FeatureContext } from "../features/feature.js";

/** Every fact the draft is decided from (all reads, no writes). */
export async function gatherDraftNotesFacts(context: FeatureContext<"push">, config: Config): Promise<DraftNotesFacts> {
  const { payload, facts } = context;
  const defaultBranch = payload.repository.default_branch ?? "main";
  const releases = await facts.latestReleases();
  const { pulls, truncated } = await facts.closedPulls(defaultBranch, readBackTo(config.apps, releases), pullsToRead(config));
  const source = pushedFilesSource(config, payload);
  const files = source.kind === "known" ? source.files : source.kind === "compare" ? await facts.comparedFiles(source.before, source.after) : "unknown";
  return draftNotesFacts({
    repo: context.repo(),
    repository: payload.repository,
    config,
    push: payload,
    defaultBranch,
    now: context.now,
    changedFiles: files,
    releases,
    pulls,
    truncated,
  });
}

export const draftNotes: Feature<"push"> = async function draftNotes(context, config) {
  const { payload } = context;
  // Decided before any read: most pushes (other branches, tags, repos without notes) cost nothing.
  const not = notesNotDrafted(config, payload, payload.repository.default_branch ?? "main");
  if (not !== undefined) {
    await carryOut(context, not);
    return;
  }
  await carryOut(context, planDraftNotes(await gatherDraftNotesFacts(context, config)));
};
