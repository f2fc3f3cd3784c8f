// A pull request that changes `.github/release-pilot.yml` gets a check run on its head commit:
// the config as the PR would leave it, with every problem on its line, or what it will do.
import { CONFIG_PATH, CONFIG_UNCHANGED, changesConfig, checkConfigText, planConfigCheck } from "../policy/config-check.js";
import { type HeadFileFact, versionFilesToRead } from "../policy/config-check-version-files.js";
import { type WorkflowFileFact, workflowsToRead } from "../policy/config-check-workflows.js";
import { carryOut, type RunOptions } from "../features/carry-out.js";
import type { FeatureContext } from "../features/feature.js";

export type PullRequestContext = FeatureContext<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">;

/**
 * Runs without the default branch's config on purpose: the PR that adds the first config, or
 * fixes a broken one, is exactly the one that needs checking. The file is read at the PR's head
 * commit, not the default branch: the check is about the proposal.
 */
export async function checkConfigChange(context: PullRequestContext, options: RunOptions): Promise<void> {
  const pull = context.payload.pull_request;
  if (!changesConfig(await context.facts.pullRequestFiles(pull.number))) {
    await carryOut(context, CONFIG_UNCHANGED, options);
    return;
  }
  const headSha = pull.head.sha;
  const yamlText = await context.facts.configTextAt(headSha);
  if (yamlText === undefined) throw new Error(`${CONFIG_PATH} at ${headSha} is not a file`);
  const repo = context.repo();
  const repoName = `${repo.owner}/${repo.repo}`;
  const proposed = checkConfigText(yamlText, repoName).config;
  const workflows = new Map<string, WorkflowFileFact>();
  for (const file of proposed === undefined ? [] : workflowsToRead(proposed)) {
    const read = await context.facts.workflowFileAt(file, headSha);
    if (read !== undefined) workflows.set(file, read);
  }
  const versionFiles = new Map<string, HeadFileFact>();
  for (const path of versionFilesToRead(yamlText)) {
    const read = await context.facts.repoFileAt(path, headSha);
    if (read !== undefined) versionFiles.set(path, read);
  }
  await carryOut(context, planConfigCheck({ repo, headSha, yamlText, repoName, workflows, versionFiles }), options);
}
