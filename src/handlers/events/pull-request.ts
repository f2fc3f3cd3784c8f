// Everything a pull request (opened, pushed to, reopened) sets off. These checks read the PR's
// own files, so they run without the default branch's config (see config-check.ts).
import type { RunOptions } from "../../features/carry-out.js";
import { checkConfigChange, type PullRequestContext } from "../config-check.js";
import { forFeature, type EventHandler } from "../../features/feature.js";

export const pullRequestChecks: readonly EventHandler<"pull_request.opened" | "pull_request.synchronize" | "pull_request.reopened">[] = [checkConfigChange];

export async function onPullRequest(context: PullRequestContext, options: RunOptions): Promise<void> {
  for (const check of pullRequestChecks) await check(forFeature(context, check.name), options);
}
