import type { ReleaseCommand } from "../../policy/commands/types.js";
import { isThisApp } from "../../github/identity.js";
import { plan } from "../../policy/plan.js";
import type { CutReleaseFacts } from "../../policy/release/cut-facts.js";
import { releasedReply } from "../../policy/release/cut-reply.js";
import { commandIssueOf, planCutRelease, releaseReads } from "../../policy/release/cut.js";
import { readFile } from "../../github/git.js";
import { carryOut } from "../carry-out.js";
import type { CommandHandler, CommandRun } from "./types.js";

type Run = CommandRun<ReleaseCommand>;

/** Every fact `/release` decides from, read before deciding (all reads, no writes). */
async function gather(run: Run): Promise<CutReleaseFacts> {
  const { context, command, config } = run;
  const { octokit } = context;
  const repo = context.repo();
  const { repository, issue, comment } = context.payload;
  const defaultBranch = repository.default_branch;
  const { data: head } = await octokit.rest.git.getRef({ ...repo, ref: `heads/${defaultBranch}` });
  const headSha = head.object.sha;
  const issueFacts = commandIssueOf(issue);
  // Only the files of the app being released are read; the app is chosen the way policy will.
  const { changelogPath, versionFiles: paths } = releaseReads({ config, command, issue: issueFacts });
  const versionFiles: Record<string, string | undefined> = {};
  for (const path of paths) versionFiles[path] = await readFile(octokit, repo, path, headSha);
  const tagRefs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...repo, ref: "tags/", per_page: 100 });
  const { data: releases } = await octokit.rest.repos.listReleases({ ...repo, per_page: 100 });
  const self = await run.options.self();
  return {
    repo,
    repoUrl: repository.html_url,
    config,
    command,
    commentId: comment.id,
    author: comment.user?.login ?? context.payload.sender.login,
    issue: issueFacts,
    defaultBranch,
    headSha,
    now: new Date().toISOString(),
    changelog: changelogPath === undefined ? undefined : await readFile(octokit, repo, changelogPath, headSha),
    versionFiles,
    tags: tagRefs.map((ref) => ref.ref.replace(/^refs\/tags\//, "")),
    releases: releases.map((r) => ({
      id: r.id,
      tag: r.tag_name,
      url: r.html_url,
      body: r.body ?? "",
      draft: r.draft,
      prerelease: r.prerelease,
      byThisApp: isThisApp(r.author, self),
    })),
  };
}

/** `/release`: gather, decide, carry out, then finish the reply with the release's address. */
export const release: CommandHandler<ReleaseCommand> = async (run) => {
  const { context, options } = run;
  const decision = planCutRelease(await gather(run));
  const effects = await carryOut(context, decision.plan, options);
  if (decision.outcome.kind !== "cut" || options.dryRun) return;
  const releaseUrl = effects.find((e) => e.key === (decision.outcome.kind === "cut" ? decision.outcome.releaseKey : ""))?.url;
  if (releaseUrl === undefined) throw new Error("the release was carried out but GitHub gave no address for it");
  const text = releasedReply({ ...decision.outcome.reply, releaseUrl });
  await carryOut(context, plan("Finish the /release reply with links.", [run.reply(text)]), options);
};
