// /freeze and /unfreeze: an ad-hoc freeze that, unlike /lock, stops only the deploys nobody typed
// (a push's, a release's); people still deploy. It is kept as a lock of its own scope,
// `<env>+freeze` (a branch release-pilot/lock/production+freeze, taken atomically like any lock):
// `+` is in no environment or app name (the config schema), so it is no environment's lock, and
// the deploy gates never read it; only automatic deploys do (decide-deploy.ts).
import type { LockFacts } from "./lock-command.js";
import { environmentNamed, noEnvironmentText } from "../commands/environment.js";
import type { Config } from "../config/index.js";
import { inertText } from "../markdown/inert.js";
import { plan, type Action, type Plan, type RepoRef } from "../plan.js";
import { formatTime, isExpired, type Lock } from "./lock.js";

/** A /freeze lasts a day unless the command says how long (at most /lock's 30 days). */
export const DEFAULT_FREEZE_MS = 86_400_000;

/** The lock scope an environment's ad-hoc freeze is kept under. */
export function freezeScope(env: string): string {
  return `${env}+freeze`;
}

/** An ad-hoc freeze as a freeze period, while it holds. */
export function adHocFreeze(lock: Lock | undefined, now: string): { readonly from: number; readonly to: number; readonly reason: string } | undefined {
  if (lock === undefined || isExpired(lock, now)) return undefined;
  return { from: Number.NEGATIVE_INFINITY, to: Date.parse(lock.expiresAt), reason: `${lock.reason}, frozen by ${lock.holder}` };
}

/** What a freeze is decided from: the same as a lock's (who, when, the commit it hangs on, what is held). */
export type FreezeFacts = LockFacts;

/** /freeze: take the environment's freeze (a newer /freeze replaces an expired one only), or say whose it is. */
export function decideFreeze(
  config: Config,
  command: { readonly environment: string; readonly reason: string; readonly durationMs?: number },
  facts: FreezeFacts,
  reply: (text: string) => Action,
): Plan | { readonly error: string } {
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return plan("Answer /freeze.", [reply(noEnvironmentText(command.environment))]);
  if (facts.commit === undefined) return { error: `the default branch ${facts.defaultBranch} has no commit to hang the freeze on` };
  const scope = freezeScope(env.name);
  const key = `lock:${scope}:comment-${facts.commentId}`;
  const { held, now } = facts;
  if (held !== undefined && held.key !== key && !isExpired(held, now)) {
    return plan("Answer /freeze.", [
      reply(
        `${env.name} is already frozen by ${inertText(held.holder)} (${inertText(held.reason)}) until ${formatTime(held.expiresAt)}; /unfreeze ${env.name} first to freeze it anew.`,
      ),
    ]);
  }
  const expiresAt = new Date(Date.parse(now) + (command.durationMs ?? DEFAULT_FREEZE_MS)).toISOString();
  return plan(`Freeze ${env.name} for ${facts.holder}.`, [
    { kind: "acquire-lock", key, repo: facts.repo, environment: scope, holder: facts.holder, reason: command.reason, expiresAt, now, commit: facts.commit },
    reply(
      `❄️ ${env.name} is frozen by ${facts.holder} (${inertText(command.reason)}) until ${formatTime(expiresAt)}: automatic deploys wait and start when it ends; people can still deploy. End it sooner with /unfreeze ${env.name}.`,
    ),
  ]);
}

/** /unfreeze: end the environment's freeze, whoever made it. */
export function decideUnfreeze(
  config: Config,
  command: { readonly environment: string },
  facts: { readonly repo: RepoRef; readonly commentId: number; readonly held: Lock | undefined; readonly now: string },
  reply: (text: string) => Action,
): Plan {
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return plan("Answer /unfreeze.", [reply(noEnvironmentText(command.environment))]);
  const scope = freezeScope(env.name);
  const { held } = facts;
  const text =
    held === undefined || isExpired(held, facts.now)
      ? `${env.name} was not frozen; nothing to end.`
      : `☀️ ${env.name} is no longer frozen (it was frozen by ${inertText(held.holder)}). A deploy held by the freeze starts at the time the freeze would have ended, or with the next push.`;
  return plan(`Unfreeze ${env.name}.`, [
    { kind: "release-lock", key: `unfreeze:${scope}:comment-${facts.commentId}`, repo: facts.repo, environment: scope },
    reply(text),
  ]);
}
