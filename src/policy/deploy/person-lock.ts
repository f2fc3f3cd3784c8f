// A person's `/lock <env>`: the one definition of the action, used by the command handler
// (src/handlers/commands/lock.ts) and the offline plan (src/cli/plan-commands.ts), so both write
// a lock that says a person holds it. It carries no deploymentKey: that is what makes every
// deploy but the holder's wait for it, queue or no queue (gates.ts lockGate).

import type { AcquireLock, RepoRef } from "../plan.js";
import { lockScope } from "./lock.js";

export interface PersonLockFacts {
  readonly repo: RepoRef;
  readonly env: string;
  readonly holder: string;
  readonly reason: string;
  readonly commentId: number;
  readonly now: string;
  readonly expiresAt: string;
  /** The commit the lock commit hangs on (the default branch's head). */
  readonly commit: string;
}

export function personLockAction(facts: PersonLockFacts): AcquireLock {
  const scope = lockScope(facts.env);
  return {
    kind: "acquire-lock",
    key: `lock:${scope}:comment-${facts.commentId}`,
    repo: facts.repo,
    environment: scope,
    holder: facts.holder,
    reason: facts.reason,
    expiresAt: facts.expiresAt,
    now: facts.now,
    commit: facts.commit,
  };
}
