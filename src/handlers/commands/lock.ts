// /lock <env> [reason] [for <duration>]: hold an environment so no deploy but the holder's runs.

import { ActionFailedError } from "../../github/execute.js";
import { LockHeldError } from "../../github/actions/lock.js";
import type { LockCommand } from "../../policy/commands/types.js";
import { formatTime } from "../../policy/deploy/lock.js";
import { personLockAction } from "../../policy/deploy/person-lock.js";
import { plan } from "../../policy/plan.js";
import { carryOut } from "../carry-out.js";
import type { CommandHandler } from "./types.js";
import { inertText } from "../../policy/markdown/inert.js";

export const lock: CommandHandler<LockCommand> = async (run) => {
  const { command, config, context, options } = run;
  const env = config.environments.find((candidate) => candidate.name === command.environment);
  if (env === undefined) {
    await carryOut(
      context,
      plan("Answer /lock.", [run.reply(`there is no environment ${command.environment}; type /help for this repository's environments.`)]),
      options,
    );
    return;
  }
  const repo = context.repo();
  const holder = context.payload.comment.user?.login ?? context.payload.sender.login;
  const now = new Date();
  const expiresAt = new Date(now.getTime() + (command.durationMs ?? env.lockTimeoutMs)).toISOString();
  const branch = context.payload.repository.default_branch;
  // The lock commit needs a parent; the default branch's head is always there.
  const commit = await context.facts.commitOf(branch);
  if (commit === undefined) throw new Error(`the default branch ${branch} has no commit to hang the lock on`);
  const reason = command.reason ?? "";
  // The reason and the holder are people's text: shown inert, so `@org/team` in a reason pings nobody.
  const why = reason === "" ? "" : ` (${inertText(reason)})`;
  const taken = plan(`Lock ${env.name} for ${holder}.`, [
    personLockAction({ repo, env: env.name, holder, reason, commentId: context.payload.comment.id, now: now.toISOString(), expiresAt, commit }),
    run.reply(
      `🔒 ${env.name} is locked by ${holder}${why} until ${formatTime(expiresAt)}; only ${holder} can deploy it until then. Free it with /unlock ${env.name}.`,
    ),
  ]);
  try {
    await carryOut(context, taken, options);
  } catch (error) {
    const cause = error instanceof ActionFailedError ? error.cause : undefined;
    if (!(cause instanceof LockHeldError)) throw error;
    const held = cause.reason === "" || cause.reason === "unknown" ? "" : ` (${inertText(cause.reason)})`;
    await carryOut(
      context,
      plan("Answer /lock.", [
        run.reply(
          `${env.name} is already locked by ${inertText(cause.holder)}${held} until ${formatTime(cause.expiresAt)}; ask them to /unlock ${env.name} first.`,
        ),
      ]),
      options,
    );
  }
};
