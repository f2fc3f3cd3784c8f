// What /lock and /freeze both read before policy decides: who asked, the default branch's head
// (the lock commit's parent) and the lock already on the scope (`staging`, or `staging+freeze`).
import type { Config } from "../../policy/config/index.js";
import type { LockFacts } from "../../policy/deploy/lock-command.js";
import type { CommentContext } from "./types.js";

export async function lockRefFacts(context: CommentContext, config: Config, environment: string, scope: string): Promise<LockFacts> {
  const { comment, repository, sender } = context.payload;
  const known = config.environments.some((env) => env.name === environment);
  const branch = repository.default_branch;
  return {
    repo: context.repo(),
    holder: comment.user?.login ?? sender.login,
    commentId: comment.id,
    now: context.now,
    defaultBranch: branch,
    // The lock commit needs a parent; the default branch's head is always there.
    commit: known ? await context.facts.commitOf(branch) : undefined,
    held: known ? await context.facts.lockOfScope(scope) : undefined,
  };
}
