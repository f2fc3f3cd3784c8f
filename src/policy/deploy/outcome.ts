// What happens when a deploy finishes: move the environment's pointer tag (only to a commit that
// worked), free the lock this deploy took, and tell the person who asked, with the exact
// command that undoes a failed production deploy.

import { deploymentPayload } from "./deployment-payload.js";
import { plan, type Action, type Plan, type RepoRef } from "../plan.js";
import { deployCheckName } from "./automatic-refusal.js";
import { lockScope } from "./lock.js";
import { replyAction } from "./plan-deploy.js";
import { short, type ChosenVersion } from "./settings.js";
import { inertText } from "../markdown/inert.js";

export interface FinishedDeployment {
  readonly id: number;
  readonly environment: string;
  readonly sha: string;
  /** The payload planDeploy wrote: `release_pilot_key`, `app`, `image_tag`, `issue_number`, ... */
  readonly payload: Readonly<Record<string, unknown>>;
}

export interface OutcomeFacts {
  readonly repo: RepoRef;
  readonly deployment: FinishedDeployment;
  readonly state: "success" | "failure" | "error";
  /** Git tag that follows what the environment runs, e.g. `production`. */
  readonly pointerTag?: string;
  readonly isProduction: boolean;
  /** What ran before this deploy, for the rollback sentence. */
  readonly previousSuccess?: ChosenVersion;
  /** Overrides the payload's `issue_number`. */
  readonly issueNumber?: number;
  /** Where the deploy's logs are, e.g. the workflow run. */
  readonly logUrl?: string;
  /** Why it failed, when the bot knows (a dispatch GitHub refused). */
  readonly reason?: string;
}

export function planDeploymentOutcome(facts: OutcomeFacts): Plan {
  const { deployment, state } = facts;
  const payload = deploymentPayload(deployment.payload);
  const key = payload.key ?? `deployment-${deployment.id}`;
  const { app, imageTag: image } = payload;
  const scope = lockScope(deployment.environment, app);
  const what = image === undefined ? `\`${short(deployment.sha)}\`` : `\`${short(deployment.sha)}\` (image \`${image}\`)`;
  const actions: Action[] = [];
  if (state === "success" && facts.pointerTag !== undefined) {
    actions.push({
      kind: "move-tag",
      key: `pointer:${facts.pointerTag}:${deployment.sha}`,
      repo: facts.repo,
      tag: facts.pointerTag,
      commit: deployment.sha,
    });
  }
  // holderKey frees only the lock this deploy took; a person's /lock stays in place.
  actions.push({ kind: "release-lock", key: `unlock:${key}`, repo: facts.repo, environment: scope, holderKey: `lock:${scope}:${key}` });
  const issueNumber = facts.issueNumber ?? payload.issueNumber;
  const reply = replyAction({ repo: facts.repo, ...(issueNumber === undefined ? {} : { issueNumber }) }, key, resultText(facts, what, app, "comment"));
  if (reply !== undefined) actions.push(reply);
  // A deploy nobody typed (a push, a release) has no issue to answer: its failure, and the
  // rollback offer, go where people look at the commit, a failed check run on it. Keyed by the
  // deploy, so a redelivered status, or the workflow_run that failed it first, finds it done.
  if (issueNumber === undefined && state !== "success") {
    actions.push({
      kind: "check-run",
      key: `deploy-failed:${key}`,
      repo: facts.repo,
      headSha: deployment.sha,
      name: deployCheckName(deployment.environment, app),
      conclusion: "failure",
      title: `Deploying to ${deployment.environment} ended with ${state}`,
      summary: resultText(facts, what, app, "comment in any issue or pull request of this repository"),
      annotations: [],
    });
  }
  const verb = state === "success" ? "Deployed" : "Failed to deploy";
  return plan(`${verb} ${what} to ${deployment.environment}.`, actions);
}

function resultText(facts: OutcomeFacts, what: string, app: string | undefined, where: string): string {
  const env = facts.deployment.environment;
  const logs = facts.logUrl === undefined ? "" : ` ([logs](${facts.logUrl}))`;
  if (facts.state === "success") {
    const tag = facts.pointerTag === undefined ? "" : `; \`${facts.pointerTag}\` now points at it`;
    return `✅ Deployed ${what} to **${env}**${tag}${logs}.`;
  }
  // A reason can quote what others wrote (GitHub's answer, a workflow file's input names): inert.
  const why = facts.reason === undefined ? "" : `: ${inertText(facts.reason).replace(/\.$/, "")}`;
  const lines = [`❌ Deploying ${what} to **${env}** ended with ${facts.state}${logs}${why}.`];
  if (facts.isProduction) {
    const command = ["/rollback", env, app].filter((part) => part !== undefined).join(" ");
    const previous = facts.previousSuccess;
    const back =
      previous === undefined
        ? "the last version that succeeded there"
        : previous.imageTag === undefined
          ? `\`${short(previous.sha)}\``
          : `\`${short(previous.sha)}\` (image \`${previous.imageTag}\`)`;
    lines.push("", `To go back to ${back}, ${where}:`, "", "```", command, "```");
  }
  return lines.join("\n");
}
