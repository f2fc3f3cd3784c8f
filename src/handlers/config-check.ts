// A pull request that changes `.github/release-pilot.yml` gets a check run on its head commit:
// the config as the PR would leave it, with every problem on its line, or what it will do.
import { CONFIG_PATH, planConfigCheck } from "../policy/config-check.js";
import { carryOut, type RunOptions } from "./carry-out.js";
import type { FeatureContext } from "./feature.js";

export type PullRequestContext = FeatureContext<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

/** Whether the PR adds or edits the config (a rename onto it counts; a deletion does not). */
async function changesConfig(context: PullRequestContext): Promise<boolean> {
  const files = await context.octokit.paginate(context.octokit.rest.pulls.listFiles, {
    ...context.repo(),
    pull_number: context.payload.pull_request.number,
    per_page: 100,
  });
  return files.some((file) => file.filename === CONFIG_PATH && file.status !== "removed");
}

/** The file at the PR's head commit, not the default branch: the check is about the proposal. */
async function configAtHead(context: PullRequestContext, sha: string): Promise<string | undefined> {
  const { data } = await context.octokit.rest.repos.getContent({ ...context.repo(), path: CONFIG_PATH, ref: sha });
  if (Array.isArray(data) || data.type !== "file" || !("content" in data)) return undefined;
  return Buffer.from(data.content, "base64").toString("utf8");
}

/**
 * Runs without the default branch's config on purpose: the PR that adds the first config, or
 * fixes a broken one, is exactly the one that needs checking.
 */
export async function checkConfigChange(context: PullRequestContext, options: RunOptions): Promise<void> {
  if (!(await changesConfig(context))) return;
  const headSha = context.payload.pull_request.head.sha;
  const yamlText = await configAtHead(context, headSha);
  if (yamlText === undefined) throw new Error(`${CONFIG_PATH} at ${headSha} is not a file`);
  const repo = context.repo();
  await carryOut(context, planConfigCheck({ repo, headSha, yamlText, repoName: `${repo.owner}/${repo.repo}` }), options);
}
