// /deploy <env> [ref|tag|version] [app] [--with-migrations]: resolve what to deploy to a commit,
// then the environment's gates decide. Gathers the commits of the names deployReads asks for
// (a version's tag first: when it names a commit, the ref is not read); decideDeploy decides.

import type { DeployCommand } from "../../policy/commands/types.js";
import { decideDeploy, deployReads } from "../../policy/deploy/command-target.js";
import { carryOutCommand } from "../deploy/from-command.js";
import type { CommandHandler } from "./types.js";

export const deploy: CommandHandler<DeployCommand> = async (run) => {
  const { command, config, context } = run;
  const defaultBranch = context.payload.repository.default_branch;
  const reads = deployReads(config, command, defaultBranch);
  const commits: Record<string, string | undefined> = {};
  if (reads?.versionTag !== undefined) commits[reads.versionTag] = await context.facts.commitOf(reads.versionTag);
  if (reads !== undefined && (reads.versionTag === undefined || commits[reads.versionTag] === undefined))
    commits[reads.ref] = await context.facts.commitOf(reads.ref);
  await carryOutCommand(run, decideDeploy(config, command, { defaultBranch, commits }));
};
