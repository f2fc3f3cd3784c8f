// A deploy, planned: take the environment's lock, record a GitHub Deployment, hand the work to
// the deploy workflow (or a repository event in another repository), and tell the person who
// asked. The gates decide first; a refusal plans only the answer, so nothing is half-done.

import { encodeDeploymentPayload } from "./deployment-payload.js";
import { nothing, plan, type Action, type CreateDeployment, type Plan, type RepoRef } from "../plan.js";
import { planQueued, waitsInQueue } from "./queue.js";
import { deployKey } from "./deploy-key.js";
import { evaluateGates, type GateFacts } from "./gates.js";
import { isExpired } from "./lock.js";
import { short } from "./settings.js";
import { inertText, mention } from "../markdown/inert.js";
import { acquireLock, dispatchAction, replyAction, type DispatchFacts } from "./deploy-actions.js";

export type { DeployFacts, ReleaseRef } from "./deploy-facts.js";
import type { DeployFacts } from "./deploy-facts.js";
export { acquireLock, dispatchAction, replyAction, type DispatchFacts, type LockFacts } from "./deploy-actions.js";

export function planDeploy(facts: DeployFacts): Plan {
  const key = deployKey({ env: facts.env.name, ...(facts.app === undefined ? {} : { app: facts.app }), sha: facts.target.sha, trigger: facts.trigger });
  let gates = evaluateGates(facts);
  if (gates.kind === "refuse" && waitsInQueue(facts, gates.reason)) {
    // Held only by a running deploy: with a queue, the rest of the gates decide whether it waits.
    gates = evaluateGates({ ...facts, lock: undefined });
    if (gates.kind !== "refuse") return planQueued(facts, key, deploymentAction(facts, key, describeTarget(facts)));
  }
  if (gates.kind === "refuse") {
    const refused = nothing(gates.reason === "locked" ? "locked" : "gate-refused", gates.message);
    // Gate messages quote lock reasons and logins: made inert where they enter the reply.
    const reply = replyAction(facts, key, `🚫 Not deploying: ${inertText(gates.message)}`);
    return reply === undefined ? refused : { ...refused, actions: [reply] };
  }
  const what = describeTarget(facts);
  const actions: Action[] = [];
  // The deploy's own lock is what serialises deploys, so an environment without a queue takes
  // none; and a person deploying under their own /lock keeps it, as a second would collide.
  if (facts.env.queue && !ownsLock(facts)) actions.push(acquireLock(facts, key, what));
  actions.push(deploymentAction(facts, key, what));
  actions.push(dispatchAction(facts.dispatch, key));
  const migrations = facts.withMigrations ? " with migrations" : "";
  const reply = replyAction(
    facts,
    key,
    [
      `🚀 Deploying ${what} to **${facts.env.name}**${migrations} for ${mention(facts.requester)}; the result will appear here.`,
      "",
      // Made inert where they were written (the parts from outside), so a forced deploy can name who forced it.
      ...(facts.warnings ?? []).flatMap((warning) => [`⚠️ ${warning}`, ""]),
      "<details><summary>Gates</summary>",
      "",
      ...gates.logs.map((line) => `- ${inertText(line)}`),
      "",
      "</details>",
    ].join("\n"),
  );
  if (reply !== undefined) actions.push(reply);
  return plan(`Deploy ${what} to ${facts.env.name}${migrations} for ${facts.requester}.`, actions);
}

/** The GitHub Deployment of this deploy; a queued deploy keeps what starting it later needs. */
function deploymentAction(facts: DeployFacts, key: string, what: string): CreateDeployment {
  return {
    kind: "create-deployment",
    key,
    repo: facts.repo,
    environment: facts.env.name,
    ref: facts.target.sha,
    description: `Release Pilot: ${what} to ${facts.env.name} for ${facts.requester}`.slice(0, 140),
    payload: encodeDeploymentPayload({
      ...(facts.target.imageTag === undefined ? {} : { imageTag: facts.target.imageTag }),
      ...(facts.app === undefined ? {} : { app: facts.app }),
      requestedBy: facts.requester,
      ...(facts.issueNumber === undefined ? {} : { issueNumber: facts.issueNumber }),
      ...(facts.withMigrations ? { withMigrations: true } : {}),
      ...(facts.release === undefined ? {} : { release: facts.release }),
      key,
    }),
  };
}

function ownsLock({ lock, requester, now }: DeployFacts): boolean {
  return lock !== undefined && lock.deploymentKey === undefined && lock.holder.toLowerCase() === requester.toLowerCase() && !isExpired(lock, now);
}

export function describeTarget({ target }: Pick<DeployFacts, "target">): string {
  return target.imageTag === undefined ? `\`${short(target.sha)}\`` : `\`${short(target.sha)}\` (image \`${target.imageTag}\`)`;
}
