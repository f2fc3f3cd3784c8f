// A push to the default branch that leaves `.github/release-pilot.yml` broken: every feature is
// skipped (there is no config to run them with), so the problem is reported instead, on the
// pushed commit and on the Release Dashboard (src/policy/broken-config.ts decides both).
import { readFile } from "../github/git.js";
import { planBrokenConfigReport } from "../policy/broken-config.js";
import { CONFIG_PATH } from "../policy/config-check.js";
import { carryOut, type RunOptions } from "./carry-out.js";
import type { LoadedConfig } from "./config.js";
import type { FeatureContext } from "./feature.js";
import { findDashboard } from "./dashboard.js";

export async function reportBrokenConfigOnPush(
  context: FeatureContext<"push">,
  loaded: Extract<LoadedConfig, { kind: "invalid" }>,
  options: RunOptions,
): Promise<void> {
  const { payload } = context;
  const branch = payload.repository.default_branch ?? "main";
  // Only the default branch's config is the bot's; a push elsewhere, or a deletion, changes nothing.
  if (payload.deleted || payload.ref !== `refs/heads/${branch}`) return;
  const repo = context.repo();
  const yamlText = await readFile(context.octokit, repo, CONFIG_PATH, payload.after);
  const dashboard = await findDashboard(context.octokit, repo, await options.self());
  const decision = planBrokenConfigReport({
    repo,
    repoName: `${repo.owner}/${repo.repo}`,
    branch,
    headSha: payload.after,
    yamlText,
    errors: loaded.errors,
    dashboard,
  });
  await carryOut(context, decision, options);
}
