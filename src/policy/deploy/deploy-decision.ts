// One deploy, from request to what the person hears, as one decision: ask what deployReads says
// the request needs (release tags, the workflow repository's default branch, the required
// environments' history, the check runs and commit statuses, the lock), decide (decideDeployRequest), carry the plan
// out, and read the outcome: a lock lost to a concurrent deploy is answered with who won, and a
// deploy whose dispatch was refused for good (by GitHub, or by the executor because the workflow
// does not accept its inputs) is failed with the reason: its deployment `error`, its lock freed,
// the reply to the command or a failed check run saying why. A transient failure is left to the
// job's retry.
import { act, ask, type Decision } from "../ask.js";
import type { Config } from "../config/index.js";
import type { Outcome } from "../effect.js";
import type { Plan, RepoRef } from "../plan.js";
import { commitChecks } from "./commit-statuses.js";
import { decideDeployRequest, deployReads, lockedOutDecision, requestKey, type DeployRequest } from "./decide-deploy.js";
import type { DeploymentRecord } from "./settings.js";
import { isProductionDeployment } from "./settings.js";
import { planRefusedStart } from "./start-failed.js";
import { freezeScope } from "./freeze-command.js";

/** What the event says about where and when: the repository, and the one clock read. */
export interface DecisionAt {
  readonly repo: RepoRef;
  readonly now: string;
}

/** Reads what the deploy needs and decides it, carrying nothing out: the real deploy and its dry run share this. */
export function* decidedDeploy(config: Config, request: DeployRequest, at: DecisionAt): Decision<Plan> {
  const { env, app } = request;
  const scope = app === undefined ? {} : { app };
  const reads = deployReads(config, request);
  const tags = reads.tags === undefined ? undefined : yield* ask("tags", reads.tags);
  const workflowDefaultBranch = reads.workflowRepo === undefined ? undefined : yield* ask("defaultBranch", { repo: reads.workflowRepo });
  const history: Record<string, DeploymentRecord[]> = {};
  for (const required of reads.requires) history[required] = yield* ask("history", { env: required, ...scope });
  // A required check is a check run or a commit status of that name (commit-statuses.ts).
  const checkRuns = reads.checks ? commitChecks(yield* ask("checkRuns", { sha: request.sha }), yield* ask("commitStatuses", { sha: request.sha })) : [];
  const lock = yield* ask("currentLock", { env: env.name, ...scope });
  // Only a deploy nobody typed waits out a /freeze; people's deploys never read it.
  const freeze = request.issueNumber === undefined ? yield* ask("lockOfScope", { env: freezeScope(env.name) }) : undefined;
  return decideDeployRequest(config, request, {
    ...(freeze === undefined ? {} : { freeze }),
    ...at,
    history,
    checkRuns,
    ...(lock === undefined ? {} : { lock }),
    ...(tags === undefined ? {} : { tags }),
    ...(workflowDefaultBranch === undefined ? {} : { workflowDefaultBranch }),
  });
}

/** Decides and carries out one deploy; returns the plan decided (or the lock race's refusal). */
export function* deployDecision(config: Config, request: DeployRequest, at: DecisionAt): Decision<Plan> {
  const { env, app } = request;
  const scope = app === undefined ? {} : { app };
  const chosen = yield* decidedDeploy(config, request, at);
  const outcome = yield* act(chosen);
  if (outcome.failure !== undefined) {
    const failed = planRefusedStart(at.repo, chosen, outcome);
    if (failed === undefined) return chosen;
    const answered = yield* act(failed);
    if (answered.failure === undefined) yield* ask("settled", {});
    return chosen;
  }
  const contended = outcome.effects.find((effect) => effect.status === "held");
  const acquire = chosen.actions.find((action) => action.kind === "acquire-lock" && action.key === contended?.key);
  if (contended === undefined || acquire?.kind !== "acquire-lock") return chosen;
  // The lock read again, as a fact: who won the race, and until when.
  const appScope = acquire.environment === env.name ? {} : scope;
  const held = (yield* ask("lockOfScope", { env: env.name, ...appScope })) ?? contended.held;
  if (held === undefined) throw new Error(`the lock on ${acquire.environment} was held and then vanished; try again`);
  const refusal = lockedOutDecision(at.repo, request, requestKey(request), acquire.environment, held);
  yield* act(refusal);
  return refusal;
}
