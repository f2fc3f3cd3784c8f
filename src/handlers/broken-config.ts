// A push to the default branch that leaves `.github/release-pilot.yml` broken: every feature is
// skipped (there is no config to run them with), so the problem is reported instead, on the
// pushed commit and on the Release Dashboard (src/policy/broken-config.ts decides both).
import { brokenConfigPushIgnored, planBrokenConfigReport } from "../policy/broken-config.js";
import { carryOut, type RunOptions } from "../features/carry-out.js";
import type { LoadedConfig } from "../facts/config.js";
import { findDashboard } from "./dashboard.js";
import type { FeatureContext } from "../features/feature.js";

export async function reportBrokenConfigOnPush(
  context: FeatureContext<"push">,
  loaded: Extract<LoadedConfig, { kind: "invalid" }>,
  options: RunOptions,
): Promise<void> {
  const { payload } = context;
  const branch = payload.repository.default_branch ?? "main";
  const ignored = brokenConfigPushIgnored({ ref: payload.ref, deleted: payload.deleted, branch });
  if (ignored !== undefined) {
    await carryOut(context, ignored, options);
    return;
  }
  const repo = context.repo();
  const decision = planBrokenConfigReport({
    repo,
    repoName: `${repo.owner}/${repo.repo}`,
    branch,
    headSha: payload.after,
    yamlText: await context.facts.configTextAt(payload.after),
    errors: loaded.errors,
    dashboard: await findDashboard(context),
  });
  await carryOut(context, decision, options);
}
