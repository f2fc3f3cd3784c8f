// Gathers what /status and the dashboard report, through the FactSource, and hands it to policy
// to decide (src/policy/status/report.ts). Each read is bounded (src/facts/status.ts).
import type { Config } from "../policy/config/index.js";
import { statusEnvironments, statusReport, type StatusFacts } from "../policy/status/index.js";
import type { FeatureContext } from "../features/feature.js";

export async function gatherStatus(context: FeatureContext, config: Config, app: string | undefined): Promise<StatusFacts> {
  const { facts } = context;
  const repo = context.repo();
  const environments = [];
  for (const env of statusEnvironments(config, app)) {
    const { deployed, failed } = await facts.deployedOn(env.name, env.apps);
    environments.push({ name: env.name, deployed, failed, lock: await facts.currentLock(env.name, app) });
  }
  return statusReport(config, {
    repo: `${repo.owner}/${repo.repo}`,
    now: context.now,
    ...(app === undefined ? {} : { app }),
    environments,
    releases: await facts.releasePage(),
    pulls: await facts.closedPullPage(),
    checklistIssues: config.checklist === null ? undefined : await facts.openChecklistIssues(config.checklist.labels),
  });
}
