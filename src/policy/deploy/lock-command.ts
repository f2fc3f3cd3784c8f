// /lock and /unlock decided: from the environment, the lock found on it and the time, the plan
// and the sentence the person reads. The handlers only read those facts and carry the plan out;
// a lock taken by someone else between the read and the write comes back from the executor as
// a `held` effect, and lockHeldAnswer words that refusal the same way.

import type { Config } from "../config/index.js";
import type { Action, Plan, RepoRef } from "../plan.js";
import { plan } from "../plan.js";
import { inertText } from "../markdown/inert.js";
import { formatTime, isExpired, lockScope, type Lock } from "./lock.js";
import { personLockAction } from "./person-lock.js";
import { environmentNamed, noEnvironmentText } from "../commands/environment.js";

/** The lock as it is told to a person: holder, reason (when it says anything) and expiry. */
export type HeldLock = Pick<Lock, "holder" | "reason" | "expiresAt">;

function heldWhy(held: HeldLock): string {
  // The reason and the holder are people's text: shown inert, so `@org/team` in a reason pings nobody.
  return held.reason === "" || held.reason === "unknown" ? "" : ` (${inertText(held.reason)})`;
}

/** /lock refused: the environment is someone's until the lock expires. */
export function lockHeldAnswer(command: string, reply: (text: string) => Action, env: string, held: HeldLock): Plan {
  return plan(`Answer /${command}.`, [
    reply(`${env} is already locked by ${inertText(held.holder)}${heldWhy(held)} until ${formatTime(held.expiresAt)}; ask them to /unlock ${env} first.`),
  ]);
}

/** A deploy refused because the lock it raced for was taken first: who won, and when it is free. */
export function lockedOutText(scope: string, held: HeldLock): string {
  return `${scope} is locked by ${inertText(held.holder)}${heldWhy(held)} until ${formatTime(held.expiresAt)}; wait for it to be free and try again.`;
}

export interface LockFacts {
  readonly repo: RepoRef;
  /** Who typed /lock. */
  readonly holder: string;
  readonly commentId: number;
  readonly now: string;
  /** The default branch's head, which the lock commit hangs on; undefined when it has none. */
  readonly commit: string | undefined;
  readonly defaultBranch: string;
  /** The lock found on the environment. */
  readonly held: Lock | undefined;
}

export interface LockCommandArgs {
  readonly environment: string;
  readonly reason?: string | undefined;
  readonly durationMs?: number | undefined;
}

/**
 * /lock: take the environment's lock for the holder, or say who holds it. The lock this very
 * command took (a redelivery) is no one else's, so it is taken again, which changes nothing.
 */
export function decideLock(config: Config, command: LockCommandArgs, facts: LockFacts, reply: (text: string) => Action): Plan | { readonly error: string } {
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return plan("Answer /lock.", [reply(noEnvironmentText(command.environment))]);
  const { holder, now, repo } = facts;
  const expiresAt = new Date(Date.parse(now) + (command.durationMs ?? env.lockTimeoutMs)).toISOString();
  if (facts.commit === undefined) return { error: `the default branch ${facts.defaultBranch} has no commit to hang the lock on` };
  const reason = command.reason ?? "";
  const action = personLockAction({ repo, env: env.name, holder, reason, commentId: facts.commentId, now, expiresAt, commit: facts.commit });
  const { held } = facts;
  if (held !== undefined && held.key !== action.key && !isExpired(held, now)) return lockHeldAnswer("lock", reply, env.name, held);
  const why = reason === "" ? "" : ` (${inertText(reason)})`;
  return plan(`Lock ${env.name} for ${holder}.`, [
    action,
    reply(
      `🔒 ${env.name} is locked by ${holder}${why} until ${formatTime(expiresAt)}; only ${holder} can deploy it until then. Free it with /unlock ${env.name}.`,
    ),
  ]);
}

/** /unlock: free the environment whoever holds it; the reply names who did. */
export function decideUnlock(
  config: Config,
  command: { readonly environment: string },
  facts: { readonly repo: RepoRef; readonly commentId: number; readonly held: Lock | undefined },
  reply: (text: string) => Action,
): Plan {
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return plan("Answer /unlock.", [reply(noEnvironmentText(command.environment))]);
  const { held } = facts;
  const text =
    held === undefined ? `${env.name} was not locked; nothing to free.` : `🔓 ${env.name} is free again (it was locked by ${inertText(held.holder)}).`;
  const scope = lockScope(env.name);
  return plan(`Unlock ${env.name}.`, [
    { kind: "release-lock", key: `unlock:${scope}:comment-${facts.commentId}`, repo: facts.repo, environment: scope },
    reply(text),
  ]);
}
