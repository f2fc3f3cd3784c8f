// The decision half of one deploy, with no I/O: render the dispatch, compute what succeeded on
// the required environments, let planDeploy decide, and pick how a refusal reaches a person.
// runDeploy gathers what deployReads asks for through the FactSource and hands it to
// decideDeployRequest, the one entry point, whichever source answered (GitHub or a facts file).

export type { DeployRequest } from "./deploy-request.js";
import type { DeployRequest, DeploySource } from "./deploy-request.js";
import type { Config, EnvironmentConfig } from "../config/index.js";
import { reportAutomaticRefusal } from "./automatic-refusal.js";
import type { ApprovalFact, CheckRunFact } from "./gates.js";
import type { Lock } from "./lock.js";
import { planPushDeploy } from "./checks-hold.js";
import { planDeploy, replyAction, type DeployFacts, type ReleaseRef } from "./plan-deploy.js";
import { imageTagIsPortable, renderDispatch, type RenderedDispatch } from "./render-dispatch.js";
import type { DeploymentRecord, DeployTarget, EnvironmentSettings } from "./settings.js";
import { nothing, type Plan, type RepoRef } from "../plan.js";
import { inertText } from "../markdown/inert.js";
import { refNameProblem } from "../ref-name.js";
import { appName } from "./app-name.js";
import { closedAt, closedText } from "./deploy-window.js";
import { windowHold } from "./window-hold.js";
import { adHocFreeze } from "./freeze-command.js";

export { appName, deployedApp } from "./app-name.js";
import { lockedOutText, type HeldLock } from "./lock-command.js";
import { deployKey } from "./deploy-key.js";
import { releaseNeededBy, releaseOfCommit, releaseOfRequest, releaseTagReads, type TagFact } from "./release-of-commit.js";

/** What runDeploy reads from GitHub for one deploy, once the dispatch rendered. */
export interface DeployWorld {
  readonly repo: RepoRef;
  /** ISO time of the decision. */
  readonly now: string;
  /** Deployments of each required environment (of this app), newest first. */
  readonly history: Readonly<Record<string, readonly DeploymentRecord[]>>;
  /** Check runs on the commit; read only when the environment has checks. */
  readonly checkRuns: readonly CheckRunFact[];
  readonly lock?: Lock;
  /** The environment's /freeze, read for automatic deploys only. */
  readonly freeze?: Lock;
}

export function environmentSettings(env: EnvironmentConfig): EnvironmentSettings {
  const checks = env.migrations === null || env.checks.includes(env.migrations.check) ? env.checks : [...env.checks, env.migrations.check];
  return {
    name: env.name,
    requires: env.requires,
    checks,
    approvals: env.approvals,
    ...(env.approvalsWithinMs === null ? {} : { approvalsWithinMs: env.approvalsWithinMs }),
    queue: env.queue,
  };
}

/** The deploy's inputs and image tag; `defaultRef` is the workflow repository's default branch. */
export function renderRequest(config: Config, request: DeployRequest, repo: RepoRef, defaultRef: string, now: string): RenderedDispatch {
  // The release's tag travels in the deployment's payload (`release_tag`), which a workflow may
  // read as `github.event.deployment.payload`: it must be a safe ref name whatever the templates use.
  const releaseTag = request.release?.tag;
  const tagProblem = releaseTag === undefined ? undefined : refNameProblem(releaseTag);
  if (tagProblem !== undefined) {
    return {
      ok: false,
      error: `the release tag ${JSON.stringify(releaseTag)} is not a safe ref name: ${tagProblem}, so it is not passed to the deploy workflow`,
    };
  }
  const app = appName(config, request.app);
  return renderDispatch({
    env: request.env,
    repo,
    defaultRef,
    ...(app === undefined ? {} : { app }),
    sha: request.sha,
    ...(request.version === undefined ? {} : { version: request.version }),
    ...(request.tag === undefined ? {} : { tag: request.tag }),
    ...(request.image === undefined ? {} : { image: request.image }),
    actor: request.requester,
    ...(request.issueNumber === undefined ? {} : { number: request.issueNumber }),
    source: sourceOf(request),
    now,
    withMigrations: request.withMigrations,
    versioning: config.versioning,
  });
}

/** `{ref}` and `{branch}` when the request names none: the tag deployed, or the branch the environment follows. */
function sourceOf(request: DeployRequest): DeploySource {
  const followed = request.env.follows?.kind === "branch" ? request.env.follows.branch : undefined;
  const ref = request.source?.ref ?? request.tag ?? followed;
  const branch = request.source?.branch ?? (request.source === undefined ? followed : undefined);
  return {
    ...(ref === undefined ? {} : { ref }),
    ...(branch === undefined ? {} : { branch }),
    ...(request.source?.pr === undefined ? {} : { pr: request.source.pr }),
  };
}

/** What succeeded on each required environment, by commit (and image, when images are portable). */
export function succeededOnFrom(config: Config, env: EnvironmentConfig, history: DeployWorld["history"]): Record<string, DeployTarget[]> {
  const succeededOn: Record<string, DeployTarget[]> = {};
  for (const required of env.requires) {
    const other = config.environments.find((candidate) => candidate.name === required);
    // Images only stand for the same build when both environments name them by content.
    const sameImages = imageTagIsPortable(env.imageTag) && imageTagIsPortable(other?.imageTag ?? null);
    succeededOn[required] = (history[required] ?? [])
      .filter((record) => record.state === "success" || record.state === "inactive")
      .map((record) => ({ sha: record.sha, ...(sameImages && record.imageTag !== undefined ? { imageTag: record.imageTag } : {}) }));
  }
  return succeededOn;
}

/** planDeploy's answer for a rendered request; a push's deploy may be held for its checks instead. */
export function planRenderedDeploy(config: Config, request: DeployRequest, rendered: Extract<RenderedDispatch, { ok: true }>, world: DeployWorld): Plan {
  const { env, app } = request;
  const facts: DeployFacts = {
    env: environmentSettings(env),
    target: { sha: request.sha, ...(rendered.imageTag === undefined ? {} : { imageTag: rendered.imageTag }) },
    succeededOn: succeededOnFrom(config, env, world.history),
    checkRuns: world.checkRuns,
    withMigrations: request.withMigrations,
    approvals: request.approvals,
    ...(world.lock === undefined ? {} : { lock: world.lock }),
    now: world.now,
    requester: request.requester,
    repo: world.repo,
    ...(app === undefined ? {} : { app }),
    trigger: request.trigger,
    ...(request.issueNumber === undefined ? {} : { issueNumber: request.issueNumber }),
    dispatch: rendered.dispatch,
    lockMs: env.lockTimeoutMs,
    ...(request.release === undefined ? {} : { release: request.release }),
    ...(request.warnings === undefined || request.warnings.length === 0 ? {} : { warnings: request.warnings }),
  };
  const automaticPush = request.issueNumber === undefined && request.trigger.kind === "push";
  // A deploy nobody typed waits out a freeze or a closed window: a push's is held until it opens
  // (window-hold.ts); a release's is refused on the commit, to be deployed by hand then. A typed
  // one was let through (or refused) by the command's own time gate (deploy-rules.ts).
  const frozen = adHocFreeze(world.freeze, world.now);
  const rules = frozen === undefined ? env.rules : { ...env.rules, freezes: [frozen, ...env.rules.freezes] };
  const closed = request.issueNumber === undefined ? closedAt(rules, world.now) : undefined;
  if (closed !== undefined) {
    if (automaticPush) return windowHold(facts, rules, request.cause ?? `The push of ${request.sha}`, closed);
    return nothing("gate-refused", `${closedText(env.name, rules, closed)}; deploy it by hand then with /deploy ${env.name} ${request.sha.slice(0, 7)}.`);
  }
  return automaticPush ? planPushDeploy(facts, request.cause ?? `The push of ${request.sha}`) : planDeploy(facts);
}

/** How the decision reaches a person: a failed check run for automatic deploys, a reply otherwise. */
export function reportDecision(repo: RepoRef, request: DeployRequest, decided: Plan | { readonly error: string }, key: string): Plan {
  if (request.issueNumber === undefined) {
    const cause = request.cause ?? `a deploy by ${request.requester}`;
    return reportAutomaticRefusal(
      { repo, sha: request.sha, env: request.env.name, ...(request.app === undefined ? {} : { app: request.app }), cause },
      decided,
    );
  }
  if ("error" in decided) {
    const reply = replyAction({ repo, issueNumber: request.issueNumber }, key, `🚫 Not deploying: ${inertText(decided.error)}`);
    return { reason: "gate-refused", summary: decided.error, actions: reply === undefined ? [] : [reply] };
  }
  return decided;
}

/**
 * Two deploys that both saw the environment free race for the lock; the loser's acquire comes
 * back `held`, and the one told is the asking issue (or, for an automatic deploy, the commit).
 */
export function lockedOutDecision(repo: RepoRef, request: DeployRequest, key: string, scope: string, held: HeldLock): Plan {
  const text = lockedOutText(scope, held);
  if (request.issueNumber === undefined)
    return reportAutomaticRefusal({ repo, sha: request.sha, env: request.env.name, cause: request.cause ?? "a deploy" }, { error: text });
  const told = replyAction({ repo, issueNumber: request.issueNumber }, key, `🚫 Not deploying: ${text}`);
  return { reason: "locked", summary: text, actions: told === undefined ? [] : [told] };
}

/** What one deploy reads before it is decided; each read only when the request can need it. */
export interface DeployReads {
  /** The app's release tags, when the version must be found from the commit (`rel-{version}`). */
  readonly tags?: { readonly prefix: string; readonly toPeel: (names: readonly string[]) => readonly string[] };
  /** The deploy workflow's other repository, when the config names no ref to run it on. */
  readonly workflowRepo?: RepoRef;
  /** The environments whose history the `requires` gate reads. */
  readonly requires: readonly string[];
  /** Whether the checks gate reads the commit's check runs. */
  readonly checks: boolean;
}

export function deployReads(config: Config, request: DeployRequest): DeployReads {
  const { env } = request;
  const needsRelease = releaseNeededBy(config, request) !== undefined && releaseOfRequest(config, request) === undefined;
  const workflowRepo = env.deploy.kind === "workflow" && env.deploy.ref === null && env.deploy.repo !== null ? env.deploy.repo : undefined;
  return {
    ...(needsRelease ? { tags: releaseTagReads(config, request) } : {}),
    ...(workflowRepo === undefined ? {} : { workflowRepo }),
    requires: env.requires,
    checks: environmentSettings(env).checks.length > 0,
  };
}

/** Everything a deploy is decided from, as deployReads asked for it. */
export interface DeployGathered extends DeployWorld {
  readonly tags?: readonly TagFact[];
  readonly workflowDefaultBranch?: string;
}

/** The deploy's idempotency key: the same request always plans the same key. */
export function requestKey(request: DeployRequest): string {
  return deployKey({ env: request.env.name, ...(request.app === undefined ? {} : { app: request.app }), sha: request.sha, trigger: request.trigger });
}

/**
 * The one decision of a deploy: the release it deploys (`rel-{version}` with no version given:
 * the app's tag on the commit), the rendered dispatch, the gates, and how the answer reaches a
 * person (a reply, or a failed check run on the commit for an automatic deploy).
 */
export function decideDeployRequest(config: Config, asked: DeployRequest, facts: DeployGathered): Plan {
  const key = requestKey(asked);
  let request = asked;
  if (releaseNeededBy(config, request) !== undefined) {
    const named = releaseOfRequest(config, request);
    const found = named === undefined ? releaseOfCommit(config, request, facts.tags ?? []) : { ok: true as const, ...named };
    if (!found.ok) return reportDecision(facts.repo, request, { error: found.error }, key);
    request = { ...request, version: found.version, tag: found.tag };
  }
  const rendered = renderRequest(config, request, facts.repo, facts.workflowDefaultBranch ?? request.defaultBranch, facts.now);
  if (!rendered.ok) return reportDecision(facts.repo, request, { error: `the deploy cannot be started: ${rendered.error}` }, key);
  return reportDecision(facts.repo, request, planRenderedDeploy(config, request, rendered, facts), key);
}
