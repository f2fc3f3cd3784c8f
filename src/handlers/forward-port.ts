// After a push to a release branch, keep one PR open that brings its fixes into the default
// branch. Reads: compare (is the branch ahead?) and the open PR from it; policy decides.
import { planForwardPort, isReleaseBranch, type ForwardPortFacts } from "../policy/forward-port.js";
import type { GitHub } from "../github/client.js";
import type { RepoRef } from "../policy/plan.js";
import { carryOut } from "./carry-out.js";
import type { Feature } from "./feature.js";

export async function gatherForwardPortFacts(
  octokit: GitHub,
  repo: RepoRef,
  branch: string,
  defaultBranch: string,
  releaseBranchTemplate: string | null,
): Promise<ForwardPortFacts> {
  const { data: compare } = await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${defaultBranch}...${branch}` });
  const { data: open } = await octokit.rest.pulls.list({ ...repo, state: "open", head: `${repo.owner}:${branch}`, base: defaultBranch, per_page: 1 });
  const pull = open[0];
  return {
    repo,
    branch,
    defaultBranch,
    releaseBranchTemplate,
    ahead: compare.commits.map((c) => ({ sha: c.sha, message: c.commit.message })),
    aheadBy: compare.ahead_by,
    openPull: pull === undefined ? null : { number: pull.number, body: pull.body ?? "" },
  };
}

export const forwardPort: Feature<"push"> = async function forwardPort(context, config, options) {
  const { payload } = context;
  if (payload.deleted || !payload.ref.startsWith("refs/heads/")) return;
  const branch = payload.ref.slice("refs/heads/".length);
  const defaultBranch = payload.repository.default_branch ?? "main";
  const template = config.checklist?.releaseBranch ?? null;
  // Most pushes are to other branches: they cost no API call.
  if (branch === defaultBranch || !isReleaseBranch(branch, template)) return;
  const facts = await gatherForwardPortFacts(context.octokit, context.repo(), branch, defaultBranch, template);
  await carryOut(context, planForwardPort(facts), options);
};
