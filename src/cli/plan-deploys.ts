// One deploy decided as runDeploy decides it: the same render, gates and report functions
// (src/policy/deploy/decide-deploy.ts), with the GitHub reads answered from the facts.
import { environmentSettings, planRenderedDeploy, renderRequest, reportDecision, type DeployRequest } from "../policy/deploy/decide-deploy.js";
import type { EnvironmentConfig } from "../policy/config/index.js";
import { deployKey } from "../policy/deploy/deploy-key.js";
import type { DeploymentRecord } from "../policy/deploy/settings.js";
import type { Plan } from "../policy/plan.js";
import type { PlanInput } from "./plan-input.js";
import { checkRunsFor, commitOf, historyOf, lockOn } from "./plan-world.js";
import { releaseNeededBy, releaseOfCommit, releaseOfRequest } from "../policy/deploy/release-of-commit.js";

/** The ref a dispatched workflow runs on when the config names none: its repository's default branch. */
function workflowDefaultRef(input: PlanInput<unknown>, env: EnvironmentConfig, own: string): string {
  if (env.deploy.kind !== "workflow" || env.deploy.ref !== null || env.deploy.repo === null) return own;
  const given = input.facts.workflowDefaultBranch;
  if (given !== undefined) return given;
  input.assumed.add(`workflowDefaultBranch: main (the default branch of ${env.deploy.repo.owner}/${env.deploy.repo.repo})`);
  return "main";
}

export function planDeployRequest(input: PlanInput<unknown>, asked: DeployRequest): Plan {
  const { config, repo, now } = input;
  const { env, app } = asked;
  const key = deployKey({ env: env.name, ...(app === undefined ? {} : { app }), sha: asked.sha, trigger: asked.trigger });
  let request = asked;
  if (releaseNeededBy(config, request) !== undefined) {
    // The tags runDeploy lists, each at the commit `refs` gives it.
    const tags = (input.facts.tags ?? []).flatMap((name) => {
      const sha = commitOf(input, name);
      return sha === undefined ? [] : [{ name, sha }];
    });
    const named = releaseOfRequest(config, request);
    const found = named === undefined ? releaseOfCommit(config, request, tags) : { ok: true as const, ...named };
    if (!found.ok) return reportDecision(repo, request, { error: found.error }, key);
    request = { ...request, version: found.version, tag: found.tag };
  }
  const rendered = renderRequest(config, request, repo, workflowDefaultRef(input, env, request.defaultBranch), now);
  if (!rendered.ok) return reportDecision(repo, request, { error: `the deploy cannot be started: ${rendered.error}` }, key);
  const history: Record<string, DeploymentRecord[]> = {};
  for (const required of env.requires) history[required] = historyOf(input, required, app);
  const settings = environmentSettings(env);
  const checkRuns = settings.checks.length === 0 ? [] : checkRunsFor(input, settings.checks);
  const lock = lockOn(input, env.name, app);
  const decided = planRenderedDeploy(config, request, rendered, { repo, now, history, checkRuns, ...(lock === undefined ? {} : { lock }) });
  return reportDecision(repo, request, decided, key);
}
