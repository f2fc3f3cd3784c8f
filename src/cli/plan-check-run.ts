// `plan --event check_run`: what deployAfterChecks (src/handlers/deploy/on-check-run.ts) would do
// when a check finishes: find the deploys a push held for its checks (the bot's own check run on
// the commit, whose external_id names the pusher), and deploy each one whose commit is still the
// branch's head once its last required check passed, through the same policy functions. The
// check runs, the branch heads and the deployments come from --facts.
import { z } from "zod";
import { followingTargets } from "../handlers/deploy/on-check-run.js";
import { heldDeployRequest, heldDeployStart } from "../policy/deploy/targets.js";
import { checkRunCompletedFeatures } from "../handlers/events/check-run.js";
import type { Config } from "../policy/config/index.js";
import {
  decideHeld,
  heldDeploys,
  planHeldDeployStarted,
  targetsOfCheck,
  type CheckRunSeen,
  type FollowingTarget,
  type HeldDeploy,
} from "../policy/deploy/after-checks.js";
import { deployCheckName, reportAutomaticRefusal } from "../policy/deploy/automatic-refusal.js";
import { holdKey } from "../policy/deploy/checks-hold.js";
import { short } from "../policy/deploy/settings.js";
import { nothing } from "../policy/plan.js";
import { planDeployRequest } from "./plan-deploys.js";
import type { PlanFacts } from "./plan-facts.js";
import { planFeatures, type FeaturePlanner } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";
import { historyOf, pushTrustOf } from "./plan-world.js";

export const CheckRunPayload = z.object({
  action: z.string().optional(),
  check_run: z.object({ name: z.string(), head_sha: z.string(), status: z.string().default("completed"), conclusion: z.string().nullable().default(null) }),
  repository: Repository,
});

type Finished = PlanInput<z.infer<typeof CheckRunPayload>>;
type FactsRun = NonNullable<PlanFacts["checkRuns"]>[number];

const feature = "deployAfterChecks";

/**
 * The runs checks.listForRef would list. Given: as given, with the event's own run put first when
 * the facts leave it out (the event says it finished). Not given: the event's run, every other
 * check the targets require green, and each target's deploy held for the repository's owner.
 */
function runsOnCommit(input: Finished, targets: readonly FollowingTarget[]): FactsRun[] {
  const { check_run: finished, repository } = input.payload;
  const event: FactsRun = { name: finished.name, status: finished.status, conclusion: finished.conclusion, externalId: null };
  const given = input.facts.checkRuns;
  if (given !== undefined) return given.some((run) => run.name === finished.name) ? given : [event, ...given];
  const pusher = repository.owner.login;
  const others = [...new Set(targets.flatMap((target) => target.checks))].filter((name) => name !== finished.name);
  const held = targets.map((target): FactsRun => {
    const ref = { env: target.env, ...(target.app === undefined ? {} : { app: target.app }), sha: finished.head_sha, pusher };
    // Still in progress: a hold that waits has no conclusion until its checks settle.
    return { name: deployCheckName(target.env, target.app), status: "in_progress", conclusion: null, externalId: holdKey("waiting", ref) };
  });
  const greens = others.length === 0 ? "" : `${others.join(", ")} green on the commit, and `;
  input.assumed.add(
    `checkRuns: ${greens}${held.map((run) => `"${run.name}"`).join(", ")} holding the deploy for @${pusher} (give the runs, the held one with its externalId, to say who pushed)`,
  );
  return [event, ...others.map((name): FactsRun => ({ name, status: "completed", conclusion: "success", externalId: null })), ...held];
}

/** The branch's head, as getRef answers: from `refs` (missing there: the branch is gone), else the checked commit. */
function headOf(input: Finished, branch: string): string | undefined {
  const refs = input.facts.refs;
  if (refs !== undefined) return refs[branch];
  const sha = input.payload.check_run.head_sha;
  input.assumed.add(`refs.${branch}: ${short(sha)}, the checked commit (give refs to say the branch moved on)`);
  return sha;
}

/** deployHeld: trust read again as the pusher's, then the push's own deploy, and the hold settled when a deployment is made. */
function deployHeld(input: Finished, held: HeldDeploy): PlannedPart[] {
  const env = input.config.environments.find((candidate) => candidate.name === held.env);
  if (env === undefined) return [];
  const { repo } = input;
  const cause = `The push to ${held.branch}`;
  const app = held.app === undefined ? {} : { app: held.app };
  const trust = pushTrustOf(input, { env: env.name, ...app, sha: held.sha, pusher: held.pusher, trusted: env.trusted });
  if (trust.kind === "untrusted")
    return [{ feature, plan: reportAutomaticRefusal({ repo, sha: held.sha, env: env.name, ...app, cause }, { error: trust.message }) }];
  const chosen = planDeployRequest(input, heldDeployRequest(env, held, input.defaultBranch));
  const started = heldDeployStart(chosen);
  if (started === undefined) return [{ feature, plan: chosen }];
  return [
    { feature, plan: chosen },
    { feature, plan: planHeldDeployStarted({ repo, held }, started) },
  ];
}

const deployAfterChecks: FeaturePlanner<z.infer<typeof CheckRunPayload>> = (input) => {
  const { check_run: finished } = input.payload;
  const targets = targetsOfCheck(followingTargets(input.config), finished.name);
  if (targets.length === 0)
    return [{ feature, plan: nothing("event-not-relevant", `No environment that follows a branch requires the check ${finished.name}.`) }];
  const sha = finished.head_sha;
  const given = runsOnCommit(input, targets);
  const runs: CheckRunSeen[] = given.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion, externalId: run.externalId }));
  // Offline the app's id is not known, so a held check made by another app is not told apart.
  const held = heldDeploys(targets, sha, runs);
  if (held.length === 0) return [{ feature, plan: nothing("event-not-relevant", `No deploy of ${short(sha)} is held for ${finished.name}.`) }];
  // The deploy's gates read the same runs the hold was decided on.
  const world: Finished = { ...input, facts: { ...input.facts, checkRuns: given } };
  return held.flatMap((deploy): PlannedPart[] => {
    const head = headOf(input, deploy.branch);
    const deployed = head === sha && historyOf(input, deploy.env, deploy.app).some((record) => record.sha === sha);
    const decision = decideHeld({ repo: input.repo, held: deploy, head, deployed, runs });
    if (decision.kind === "wait")
      return [
        {
          feature,
          plan: nothing(
            "gate-refused",
            `The deploy of ${short(sha)} to ${deploy.env} still waits for ${decision.pending.join(", ")}; nothing changes until they finish.`,
          ),
        },
      ];
    if (decision.kind === "settle") return [{ feature, plan: decision.plan }];
    return deployHeld(world, deploy);
  });
};

export function planCheckRun(input: Finished): PlannedPart[] | string {
  if (input.payload.action !== undefined && input.payload.action !== "completed")
    return `check_run.${input.payload.action} sets nothing off; the bot acts on completed.`;
  return planFeatures(input, checkRunCompletedFeatures, { deployAfterChecks });
}
