// One deploy, from request to plan carried out, for the automatic deploys (a push, a release, a
// check run that let a held deploy go): deployDecision (src/policy/deploy/deploy-decision.ts)
// decides and says what to read and carry out. Every way it can stop reaches a person: the reply
// in the asking issue, or a failed check run on the commit for automatic deploys.
import type { FeatureContext } from "../../features/feature.js";
import type { Config } from "../../policy/config/index.js";
import type { Plan } from "../../policy/plan.js";
import type { RunOptions } from "../../features/carry-out.js";
import type { DeployRequest } from "../../policy/deploy/decide-deploy.js";
import { deployDecision } from "../../policy/deploy/deploy-decision.js";
import { runDecision } from "../../features/decision.js";

export function runDeploy(context: FeatureContext, config: Config, request: DeployRequest, _options: RunOptions): Promise<Plan> {
  return runDecision(context, deployDecision(config, request, { repo: context.repo(), now: context.now }));
}
