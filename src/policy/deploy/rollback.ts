// What `/rollback` deploys. GitHub marks earlier successful deployments `inactive` once a newer
// one of the environment succeeds, so `inactive` counts as "succeeded once" here (the history
// says `inactive` only of a deployment that reached success: history-state.ts); without that,
// every history would look as if only the current version ever worked. In a monorepo the newer
// success is often another app's, so an app's running version may itself be `inactive`: it is
// still the app's current one, and the one before it is what to go back to.

import { short, type ChosenVersion, type DeploymentRecord } from "./settings.js";

export interface RollbackFacts {
  /** The environment's deployments, newest first. */
  readonly history: readonly DeploymentRecord[];
  /** `to <tag>`: a tag, ref, image tag or SHA (at least 7 characters) to go back to. */
  readonly to?: string;
  /** Tags of the repository that were never deployed here, tag → commit SHA. */
  readonly tags?: Readonly<Record<string, string>>;
  /** For sentences; `this environment` when absent. */
  readonly environment?: string;
  readonly app?: string;
}

export type RollbackChoice = ChosenVersion | { readonly error: string };

const SUCCEEDED = new Set(["success", "inactive"]);
const FINISHED = new Set([...SUCCEEDED, "failure", "error"]);

export function chooseRollbackTarget(facts: RollbackFacts): RollbackChoice {
  const env = facts.environment ?? "this environment";
  const command = ["/rollback", facts.environment ?? "<env>", facts.app].filter((part) => part !== undefined).join(" ");
  if (facts.to !== undefined) return namedTarget(facts, env, command, facts.to);
  // The current deployment is the newest that finished; one still running is not "current" yet.
  const current = facts.history.find((record) => FINISHED.has(record.state));
  if (current === undefined) {
    return {
      error: `nothing has finished deploying to ${env} yet, so there is nothing to roll back to; deploy a version first with /deploy ${facts.environment ?? "<env>"}.`,
    };
  }
  const below = facts.history.slice(facts.history.indexOf(current) + 1);
  // After a failed deploy the version that ran before it is the one to go back to; after a good
  // one, the last good version that differs from it (redeploys of the same version are skipped).
  const target = SUCCEEDED.has(current.state)
    ? below.find((record) => SUCCEEDED.has(record.state) && !sameVersion(record, current))
    : below.find((record) => SUCCEEDED.has(record.state));
  if (target !== undefined) return chosen(target);
  const reason = SUCCEEDED.has(current.state)
    ? `${env} has only ever run ${describe(current)} successfully`
    : `nothing has succeeded on ${env} before the failed ${describe(current)}`;
  return { error: `${reason}, so there is no earlier version to roll back to; name one with ${command} to <tag>.` };
}

function namedTarget(facts: RollbackFacts, env: string, command: string, to: string): RollbackChoice {
  const matches = facts.history.filter((record) => matchesName(record, to));
  // Prefer a deployment of that version that worked; a failed one still names the right commit.
  const found = matches.find((record) => SUCCEEDED.has(record.state)) ?? matches[0];
  if (found !== undefined) return chosen(found);
  const tagged = facts.tags?.[to];
  if (tagged !== undefined) return { sha: tagged, ref: to };
  const example = facts.history.find((record) => SUCCEEDED.has(record.state));
  const hint = example === undefined ? `${command} to <tag>` : `${command} to ${example.imageTag ?? example.ref}`;
  return { error: `"${to}" was never deployed to ${env} and is not a tag of this repository; name one that was, e.g. ${hint}` };
}

function matchesName(record: DeploymentRecord, name: string): boolean {
  if (record.ref === name || record.imageTag === name) return true;
  return name.length >= 7 && /^[0-9a-f]+$/i.test(name) && record.sha.toLowerCase().startsWith(name.toLowerCase());
}

function sameVersion(a: DeploymentRecord, b: DeploymentRecord): boolean {
  return a.imageTag !== undefined && b.imageTag !== undefined ? a.imageTag === b.imageTag : a.sha === b.sha;
}

function describe(record: DeploymentRecord): string {
  return record.imageTag ?? (record.ref === record.sha ? short(record.sha) : record.ref);
}

function chosen(record: DeploymentRecord): ChosenVersion {
  return { sha: record.sha, ref: record.ref, ...(record.imageTag === undefined ? {} : { imageTag: record.imageTag }) };
}

/** The rollback a command asks for, given the environment's history and the commit its `to` tag names. */
export function rollbackForCommand(
  command: { readonly to?: string | undefined },
  environment: string,
  app: string | undefined,
  history: RollbackFacts["history"],
  named: string | undefined,
): RollbackChoice {
  return chooseRollbackTarget({
    history,
    environment,
    ...(app === undefined ? {} : { app }),
    ...(command.to === undefined ? {} : { to: command.to }),
    ...(command.to === undefined || named === undefined ? {} : { tags: { [command.to]: named } }),
  });
}
