// This app's deployments read back one by one from the facts file's `deployments`, and the check
// runs a held deploy waits on, as src/facts/github/deployment-reads.ts reads them from GitHub.
// Each default leaned on is said in `assumed`.
import { createdWithin } from "../../policy/deploy/workflow-outcome.js";
import { commitOf } from "./core.js";
import type { CheckRunSeen } from "../../policy/deploy/after-checks.js";
import { targetsOfCheck } from "../../policy/deploy/after-checks.js";
import { isCheckNamed } from "../../policy/deploy/commit-statuses.js";
import { deployCheckName } from "../../policy/deploy/automatic-refusal.js";
import { holdKey } from "../../policy/deploy/checks-hold.js";
import { deploymentPayload, encodeDeploymentPayload } from "../../policy/deploy/deployment-payload.js";
import type { QueuedDeployment } from "../../policy/deploy/queue.js";
import { short } from "../../policy/deploy/settings.js";
import { followingTargets } from "../../policy/deploy/targets.js";
import type { DeploymentFact } from "../deploy.js";
import type { PlanFacts } from "./schema.js";
import { selfOf } from "./core.js";
import type { JsonWorld } from "./world.js";
import { finishedCheckOf, type FinishedCheck } from "./commit-statuses.js";
import { readDispatchRecord } from "../../policy/deploy/dispatch-record.js";

const UNKNOWN_TIME = "1970-01-01T00:00:00Z";

type GivenRecord = NonNullable<PlanFacts["deployments"]>[string][number];

function object(value: unknown): Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Every deployment the file gives that this app made, in every environment, each as GitHub would list it. */
function ownDeployments(world: JsonWorld): DeploymentFact[] {
  const given = world.facts.deployments ?? {};
  const all = Object.entries(given).flatMap(([environment, records]) =>
    records.map((record, index) => ({ environment, record, index, count: records.length })),
  );
  const self = all.some(({ record }) => record.creator !== undefined) ? selfOf(world) : undefined;
  return all
    .filter(({ record }) => record.creator === undefined || record.creator.toLowerCase() === self?.login.toLowerCase())
    .map(({ environment, record, index, count }) => factOf(environment, record, count - index));
}

function factOf(environment: string, record: GivenRecord, fallbackId: number): DeploymentFact {
  const payload =
    record.payload ??
    encodeDeploymentPayload({
      ...(record.app === undefined ? {} : { app: record.app }),
      ...(record.imageTag === undefined ? {} : { imageTag: record.imageTag }),
      ...(record.key === undefined ? {} : { key: record.key }),
    });
  // This app never writes a pending status: a pending deployment is one with no status yet, as
  // the history reads it (a deploy waiting in its queue, or one not dispatched yet).
  const latestState = record.state === "pending" ? undefined : record.state;
  return {
    id: record.id ?? fallbackId,
    environment,
    sha: record.sha,
    createdAt: record.createdAt ?? UNKNOWN_TIME,
    productionEnvironment: record.productionEnvironment === true,
    payload,
    latestState,
    latestDescription: record.description,
    latestAt: undefined,
    // The facts file gives one status per deployment: its description is the dispatch record when it reads as one.
    ...(readDispatchRecord(record.description) === undefined || record.description === undefined ? {} : { dispatchRecord: record.description }),
  };
}

export function queuedOf(world: JsonWorld, environment: string, app?: string): QueuedDeployment[] {
  if (world.facts.deployments?.[environment] === undefined) {
    world.assumed.add(`deployments.${environment}: none`);
    return [];
  }
  return ownDeployments(world)
    .filter((deployment) => deployment.environment === environment && deployment.latestState === undefined)
    .filter((deployment) => deploymentPayload(deployment.payload).queuedBehind !== undefined)
    .filter((deployment) => app === undefined || deploymentPayload(deployment.payload).app === app)
    .map(({ id, sha, createdAt, payload }) => ({ id, sha, createdAt, environment, payload }));
}

export function deploymentsCreatedBetweenIn(world: JsonWorld, since: string, until: string): DeploymentFact[] {
  if (world.facts.deployments === undefined) world.assumed.add("deployments: none");
  // Only a deployment with this app's key can be one this app made (identity.ts).
  return ownDeployments(world)
    .filter((deployment) => deploymentPayload(deployment.payload).key !== undefined && createdWithin(deployment.createdAt, since, until))
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
}

export function deploymentWithKeyIn(world: JsonWorld, environment: string, key: string): DeploymentFact | undefined {
  if (world.facts.deployments?.[environment] === undefined) world.assumed.add(`deployments.${environment}: none`);
  return ownDeployments(world).find((deployment) => deployment.environment === environment && deploymentPayload(deployment.payload).key === key);
}

export function deploymentByIdIn(world: JsonWorld, id: number): DeploymentFact | undefined {
  return ownDeployments(world).find((deployment) => deployment.id === id);
}

export function hasDeployedIn(world: JsonWorld, environment: string, sha: string, app?: string): boolean {
  if (world.facts.deployments?.[environment] === undefined) world.assumed.add(`deployments.${environment}: none`);
  return ownDeployments(world).some(
    (deployment) =>
      deployment.environment === environment && deployment.sha === sha && (app === undefined || deploymentPayload(deployment.payload).app === app),
  );
}

type FactsRun = NonNullable<PlanFacts["checkRuns"]>[number];

/**
 * The runs on the commit. Given: as given, with the event's own run put first when the facts
 * leave it out (the event says it finished). Not given: the event's run (none for a status
 * event: a commit status is no run), every other check the environments that require it ask for
 * green, and each one's deploy held for the repository's owner.
 */
export function checkRunsSeenIn(world: JsonWorld, sha: string): CheckRunSeen[] {
  const finished = finishedCheckOf(world);
  const onCommit = finished !== undefined && finished.sha === sha ? finished : undefined;
  const event: FactsRun | undefined =
    onCommit === undefined || onCommit.source === "status"
      ? undefined
      : { name: onCommit.name, status: onCommit.status, conclusion: onCommit.conclusion, externalId: null };
  const given = world.facts.checkRuns;
  const runs =
    given !== undefined ? (event === undefined || given.some((run) => run.name === event.name) ? given : [event, ...given]) : assumedRuns(world, sha, onCommit);
  return runs.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion, externalId: run.externalId }));
}

function assumedRuns(world: JsonWorld, sha: string, finished: FinishedCheck | undefined): FactsRun[] {
  const config = world.config.kind === "ok" ? world.config.config : undefined;
  if (config === undefined || finished === undefined) {
    world.assumed.add("checkRuns: none on the commit");
    return [];
  }
  const targets = targetsOfCheck(followingTargets(config), finished.name, finished.source);
  const pusher = String(object(object(world.event?.["repository"])["owner"])["login"] ?? "");
  const others = [...new Set(targets.flatMap((target) => target.checks))].filter((check) => !isCheckNamed(finished, check));
  const held = targets.map((target): FactsRun => {
    const ref = { env: target.env, ...(target.app === undefined ? {} : { app: target.app }), sha, pusher };
    // Still in progress: a hold that waits has no conclusion until its checks settle.
    return { name: deployCheckName(target.env, target.app), status: "in_progress", conclusion: null, externalId: holdKey("waiting", ref) };
  });
  const greens = others.length === 0 ? "" : `${others.join(", ")} green on the commit, and `;
  world.assumed.add(
    `checkRuns: ${greens}${held.map((run) => `"${run.name}"`).join(", ")} holding the deploy for @${pusher} (give the runs, the held one with its externalId, to say who pushed)`,
  );
  const own: FactsRun[] =
    finished.source === "status" ? [] : [{ name: finished.name, status: finished.status, conclusion: finished.conclusion, externalId: null }];
  return [...own, ...others.map((check): FactsRun => ({ name: check, status: "completed", conclusion: "success", externalId: null })), ...held];
}

/** The branch's head, as getRef answers: from `refs` (missing there: the branch is gone), else the commit a check run or status is about, else the name itself. */
export function branchHeadIn(world: JsonWorld, branch: string): string | undefined {
  const refs = world.facts.refs;
  if (refs !== undefined) return refs[branch];
  const sha = finishedCheckOf(world)?.sha;
  // Not about a check run or status: the name stands for its commit, as for any other ref not given.
  if (sha === undefined) return commitOf(world, branch);
  world.assumed.add(`refs.${branch}: ${short(sha)}, the checked commit (give refs to say the branch moved on)`);
  return sha;
}
