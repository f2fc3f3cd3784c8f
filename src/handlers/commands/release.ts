// `/release`: gather every fact the cut is decided from, let policy decide, carry it out, then
// finish the reply with the new release's address.
import type { ReleaseCommand } from "../../policy/commands/types.js";
import { plan } from "../../policy/plan.js";
import { existingReleases, type CutReleaseFacts } from "../../policy/release/cut-facts.js";
import { releasedReply } from "../../policy/release/cut-reply.js";
import { commandIssueOf, planCutRelease, releaseReads } from "../../policy/release/cut.js";
import { candidateLine } from "../../policy/release/line.js";
import { lineNotesSince, mergedPulls } from "../../policy/release/line-notes.js";
import { resolveReadsOf } from "../../policy/release/resolve-cut.js";
import { pullsToRead } from "../../policy/notes/draft-facts.js";
import { carryOut } from "../../features/carry-out.js";
import type { CommandHandler, CommandRun } from "./types.js";
import { asAsked } from "../../policy/deploy/dry-run.js";
import { typedRelease } from "../../policy/release/typed.js";

type Run = CommandRun<ReleaseCommand>;

/** Every fact `/release` decides from, read before deciding (all reads, no writes). */
async function gatherCutFacts(run: Run): Promise<CutReleaseFacts> {
  const { context, command, config } = run;
  const { facts } = context;
  const { repository, issue, comment } = context.payload;
  const defaultBranch = repository.default_branch;
  const issueFacts = commandIssueOf(issue);
  // A release of a series whose maintenance branch exists is that line's: everything is read there.
  const candidate = candidateLine({ config, command, issue: issueFacts });
  const lineHead = candidate === undefined ? undefined : await facts.branchHead(candidate.branch);
  const line = lineHead === undefined ? undefined : candidate;
  const branch = line?.branch ?? defaultBranch;
  const headSha = lineHead ?? (await facts.branchHead(defaultBranch));
  if (headSha === undefined) throw new Error(`the default branch ${defaultBranch} has no head commit`);
  // Only the files of the app being released are read; the app is chosen the way policy will.
  const { app, changelogPath, versionFiles: paths } = releaseReads({ config, command, issue: issueFacts });
  const files = await facts.releaseFiles([...(changelogPath === undefined ? [] : [changelogPath]), ...paths], { branch, sha: headSha });
  const versionFiles: Record<string, string | undefined> = {};
  for (const path of paths) versionFiles[path] = files[path];
  const fragmentsAt = typeof app === "string" || changelogPath === undefined ? undefined : app.changelog?.fragments?.directory;
  const fragments = fragmentsAt === undefined ? undefined : await facts.fragmentFiles(fragmentsAt, headSha);
  const tags = await facts.tagNames();
  const releases = await facts.latestReleases();
  // A line's notes: the pull requests merged into its branch since its previous release.
  const lineSince = line === undefined || config.notes === null || typeof app === "string" ? undefined : lineNotesSince(config, app, line, releases);
  const linePulls =
    lineSince === undefined || line === undefined || config.notes === null
      ? undefined
      : mergedPulls((await facts.closedPulls(line.branch, lineSince, config.notes.maxPullRequests)).pulls, repository.html_url);
  // Only a release that commits (a changelog file, version files) moves the branch.
  const commits = changelogPath !== undefined || paths.length > 0;
  const protection = commits ? await facts.branchProtection(branch) : undefined;
  // A bare /release under versioning.resolve weighs what was merged since the app's last release.
  const resolveReads = resolveReadsOf({ config, app, command, issueBody: issueFacts.body, commentId: comment.id, releases });
  const merged =
    resolveReads === undefined ? undefined : { ...resolveReads, pulls: (await facts.closedPulls(branch, resolveReads.since, pullsToRead(config))).pulls };
  return {
    repo: context.repo(),
    repoUrl: repository.html_url,
    config,
    command,
    commentId: comment.id,
    author: comment.user?.login ?? context.payload.sender.login,
    issue: issueFacts,
    defaultBranch,
    ...(line === undefined ? {} : { line }),
    ...(linePulls === undefined ? {} : { linePulls, lineSince: lineSince ?? null }),
    headSha,
    now: context.now,
    changelog: changelogPath === undefined ? undefined : files[changelogPath],
    versionFiles,
    tags,
    releases: existingReleases(releases, repository.html_url),
    ...(protection === undefined ? {} : { protection }),
    ...(merged === undefined ? {} : { merged }),
    ...(fragments === undefined ? {} : { fragments }),
  };
}

export const release: CommandHandler<ReleaseCommand> = async (run) => {
  const { context, options } = run;
  const decision = planCutRelease(await gatherCutFacts(run));
  // `/release --dry-run`: the same decision, told instead of carried out (dry-run.ts).
  const dryRun = run.command.dryRun === true ? { typed: typedRelease(run.command) } : undefined;
  const effects = await carryOut(context, asAsked(decision.plan, dryRun, run.reply));
  if (decision.outcome.kind !== "cut" || options.dryRun || dryRun !== undefined) return;
  const releaseKey = decision.outcome.releaseKey;
  const releaseUrl = effects.find((e) => e.key === releaseKey)?.url;
  if (releaseUrl === undefined) throw new Error("the release was carried out but GitHub gave no address for it");
  await carryOut(context, plan("Finish the /release reply with links.", [run.reply(releasedReply({ ...decision.outcome.reply, releaseUrl }))]));
};
