// `/release`: gather every fact the cut is decided from, let policy decide, carry it out, then
// finish the reply with the new release's address.
import type { ReleaseCommand } from "../../policy/commands/types.js";
import { plan } from "../../policy/plan.js";
import { existingReleases, type CutReleaseFacts } from "../../policy/release/cut-facts.js";
import { releasedReply } from "../../policy/release/cut-reply.js";
import { commandIssueOf, planCutRelease, releaseReads } from "../../policy/release/cut.js";
import { resolveReadsOf } from "../../policy/release/resolve-cut.js";
import { pullsToRead } from "../../policy/notes/draft-facts.js";
import { carryOut } from "../../features/carry-out.js";
import type { CommandHandler, CommandRun } from "./types.js";

type Run = CommandRun<ReleaseCommand>;

/** Every fact `/release` decides from, read before deciding (all reads, no writes). */
async function gatherCutFacts(run: Run): Promise<CutReleaseFacts> {
  const { context, command, config } = run;
  const { facts } = context;
  const { repository, issue, comment } = context.payload;
  const defaultBranch = repository.default_branch;
  const headSha = await facts.branchHead(defaultBranch);
  if (headSha === undefined) throw new Error(`the default branch ${defaultBranch} has no head commit`);
  const issueFacts = commandIssueOf(issue);
  // Only the files of the app being released are read; the app is chosen the way policy will.
  const { app, changelogPath, versionFiles: paths } = releaseReads({ config, command, issue: issueFacts });
  const files = await facts.releaseFiles([...(changelogPath === undefined ? [] : [changelogPath]), ...paths], { branch: defaultBranch, sha: headSha });
  const versionFiles: Record<string, string | undefined> = {};
  for (const path of paths) versionFiles[path] = files[path];
  const fragmentsAt = typeof app === "string" || changelogPath === undefined ? undefined : app.changelog?.fragments?.directory;
  const fragments = fragmentsAt === undefined ? undefined : await facts.fragmentFiles(fragmentsAt, headSha);
  const tags = await facts.tagNames();
  const releases = await facts.latestReleases();
  // Only a release that commits (a changelog file, version files) moves the default branch.
  const commits = changelogPath !== undefined || paths.length > 0;
  const protection = commits ? await facts.branchProtection(defaultBranch) : undefined;
  // A bare /release under versioning.resolve weighs what was merged since the app's last release.
  const resolveReads = resolveReadsOf({ config, app, command, issueBody: issueFacts.body, commentId: comment.id, releases });
  const merged =
    resolveReads === undefined
      ? undefined
      : { ...resolveReads, pulls: (await facts.closedPulls(defaultBranch, resolveReads.since, pullsToRead(config))).pulls };
  return {
    repo: context.repo(),
    repoUrl: repository.html_url,
    config,
    command,
    commentId: comment.id,
    author: comment.user?.login ?? context.payload.sender.login,
    issue: issueFacts,
    defaultBranch,
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
  const effects = await carryOut(context, decision.plan);
  if (decision.outcome.kind !== "cut" || options.dryRun) return;
  const releaseKey = decision.outcome.releaseKey;
  const releaseUrl = effects.find((e) => e.key === releaseKey)?.url;
  if (releaseUrl === undefined) throw new Error("the release was carried out but GitHub gave no address for it");
  await carryOut(context, plan("Finish the /release reply with links.", [run.reply(releasedReply({ ...decision.outcome.reply, releaseUrl }))]));
};
