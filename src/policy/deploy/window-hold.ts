// An automatic deploy during a freeze or outside a deploy window waits, like a deploy waiting for
// its checks: an in-progress check run on the commit says until when, and a timer set for the
// moment the window opens deploys it then, as the person who pushed. The check run's key (its
// external_id) carries everything the timer needs, so the timer is derived from the plan that
// was carried out, as a lock's expiry check is (lock-expiry.ts).
import { nothing, type Action, type CheckRun, type Plan, type RepoRef } from "../plan.js";
import type { Config, EnvironmentConfig } from "../config/index.js";
import type { DeployRequest } from "./deploy-request.js";
import { mention, inertText } from "../markdown/inert.js";
import { windowOpenTimer, type TimerRequest, type WindowOpenTimer } from "../timers.js";
import { deployCheckName, HOLD_PREFIX, holdPrefixes } from "./automatic-refusal.js";
import type { DeployFacts } from "./deploy-facts.js";
import { closedText, type Closed } from "./deploy-window.js";
import type { DeployRulesConfig } from "../config/types.js";
import { formatTime } from "./lock.js";
import { short } from "./settings.js";

const LOGIN = /^[A-Za-z0-9-]+(\[bot\])?$/;

/** `deploy-window:<env>:<app>:<sha>:<pusher>:<opens at, epoch ms>`: environment names and logins hold no colon. */
function holdKey(facts: Pick<DeployFacts, "env" | "app" | "target" | "requester">, opensAt: number): string {
  return `${HOLD_PREFIX.window}:${facts.env.name}:${facts.app ?? ""}:${facts.target.sha}:${facts.requester}:${opensAt}`;
}

/** The held check run: in progress until the window opens (or the freeze ends). */
export function windowHold(facts: DeployFacts, rules: DeployRulesConfig, cause: string, closed: Closed): Plan {
  const opensAt = closed.kind === "freeze" ? closed.until : closed.opensAt;
  const { env, target, requester } = facts;
  const why = closedText(env.name, rules, closed);
  if (opensAt === undefined) return { reason: "gate-refused", summary: `${why}; no window opens within a week, so the deploy is not held.`, actions: [] };
  const when = formatTime(new Date(opensAt).toISOString());
  const check: CheckRun = {
    kind: "check-run",
    key: holdKey(facts, opensAt),
    repo: facts.repo,
    headSha: target.sha,
    name: deployCheckName(env.name, facts.app),
    status: "in_progress",
    continues: holdPrefixes({ env: env.name, ...(facts.app === undefined ? {} : { app: facts.app }), sha: target.sha }),
    title: closed.kind === "freeze" ? `Waiting for the freeze to end (${when})` : `Waiting for the deploy window (${when})`,
    summary: `${inertText(cause)} deploys \`${short(target.sha)}\` to ${env.name} for ${mention(requester)} at ${when}: ${inertText(why)}. Nobody needs to do anything; to deploy sooner, deploy it by hand with /deploy ${env.name} ${short(target.sha)} (--force from an override holder where a configured freeze or window refuses it).`,
    annotations: [],
  };
  return { reason: "gate-refused", summary: `Deploy of ${short(target.sha)} to ${env.name} waits until ${when}: ${why}.`, actions: [check] };
}

/** The window-open timers a carried-out plan calls for: one per window hold it made. */
export function windowOpenTimers(actions: readonly Action[], installationId: number): TimerRequest[] {
  return actions.flatMap((action) => {
    if (action.kind !== "check-run" || !action.key.startsWith(`${HOLD_PREFIX.window}:`)) return [];
    const [, environment = "", app = "", sha = "", pusher = "", at = ""] = action.key.split(":");
    const opensAt = Number(at);
    if (environment === "" || !LOGIN.test(pusher) || !Number.isSafeInteger(opensAt)) return [];
    const timer: WindowOpenTimer = {
      kind: "window-open",
      installationId,
      repo: action.repo,
      environment,
      ...(app === "" ? {} : { app }),
      sha,
      pusher,
      opensAt: new Date(opensAt).toISOString(),
    };
    return [windowOpenTimer(timer)];
  });
}

/** The held run, settled once the deploy started when the window opened. */
export function windowStartedPlan(
  repo: RepoRef,
  timer: Pick<WindowOpenTimer, "environment" | "app" | "sha" | "pusher">,
  started: "dispatched" | "queued",
): Plan {
  const at = { env: timer.environment, ...(timer.app === undefined ? {} : { app: timer.app }), sha: timer.sha };
  const summary =
    started === "queued"
      ? `The window opened; the deploy of \`${short(timer.sha)}\` to ${timer.environment} for ${mention(timer.pusher)} waits for the deploy running there.`
      : `The window opened; deploying \`${short(timer.sha)}\` to ${timer.environment} for ${mention(timer.pusher)}. The deployment's status says how it ends.`;
  const check: CheckRun = {
    kind: "check-run",
    key: `window-opened:${timer.environment}:${timer.app ?? ""}:${timer.sha}`,
    repo,
    headSha: timer.sha,
    name: deployCheckName(timer.environment, timer.app),
    continues: holdPrefixes(at),
    conclusion: started === "queued" ? "neutral" : "success",
    title: started === "queued" ? `Queued for ${timer.environment}` : `Deploying to ${timer.environment}`,
    summary,
    annotations: [],
  };
  return { reason: "planned", summary, actions: [check] };
}

/** What a window-open timer reads: the branch the environment follows (whose head must still be the commit). */
export function windowOpenReads(config: Config, timer: WindowOpenTimer): { readonly env: EnvironmentConfig; readonly branch: string } | undefined {
  const env = config.environments.find((candidate) => candidate.name === timer.environment);
  if (env?.follows?.kind !== "branch") return undefined;
  return { env, branch: env.follows.branch };
}

export type WindowOpenDecision = { readonly kind: "settle"; readonly plan: Plan } | { readonly kind: "deploy"; readonly request: DeployRequest };

/**
 * The window opened: deploy the held commit as the pusher, unless the environment no longer
 * follows a branch, a newer push is its head now (that push's own deploy goes), or it is deployed.
 */
export function decideWindowOpen(
  config: Config,
  timer: WindowOpenTimer,
  facts: { readonly repo: RepoRef; readonly head: string | undefined; readonly deployed: boolean; readonly defaultBranch: string },
): WindowOpenDecision {
  const reads = windowOpenReads(config, timer);
  if (reads === undefined)
    return { kind: "settle", plan: nothing("event-not-relevant", `${timer.environment} no longer follows a branch; the held deploy is dropped.`) };
  if (facts.deployed) return { kind: "settle", plan: nothing("already-done", `\`${short(timer.sha)}\` is already deployed to ${timer.environment}.`) };
  if (facts.head !== timer.sha) {
    const summary = `${inertText(reads.branch)} moved on from \`${short(timer.sha)}\`; the newer push deploys instead.`;
    const check: CheckRun = {
      kind: "check-run",
      key: `window-superseded:${timer.environment}:${timer.app ?? ""}:${timer.sha}`,
      repo: facts.repo,
      headSha: timer.sha,
      name: deployCheckName(timer.environment, timer.app),
      continues: holdPrefixes({ env: timer.environment, ...(timer.app === undefined ? {} : { app: timer.app }), sha: timer.sha }),
      conclusion: "neutral",
      title: `Not deployed to ${timer.environment}: superseded`,
      summary,
      annotations: [],
    };
    return { kind: "settle", plan: { reason: "planned", summary, actions: [check] } };
  }
  return {
    kind: "deploy",
    request: {
      env: reads.env,
      ...(timer.app === undefined ? {} : { app: timer.app }),
      sha: timer.sha,
      // The push's own trigger, so the deploy has the key the push would have given it.
      trigger: { kind: "push", sha: timer.sha },
      requester: timer.pusher,
      withMigrations: false,
      approvals: [],
      cause: `The push to ${reads.branch}`,
      defaultBranch: facts.defaultBranch,
    },
  };
}
