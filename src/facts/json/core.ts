// CoreFacts answered from the facts file; a default leaned on is said in `assumed`, in the words
// a person would use to give the fact instead.
import type { AppIdentity } from "../../github/identity.js";
import type { CoreFacts } from "../core.js";
import { FULL_SHA, type JsonWorld } from "./world.js";

/** This app's bot user, as the running app learns it from GET /app. */
export function selfOf(world: JsonWorld): AppIdentity {
  const given = world.facts.appLogin;
  if (given !== undefined) return { login: given };
  world.assumed.add("appLogin: release-pilot[bot]");
  return { login: "release-pilot[bot]" };
}

/**
 * The commit a branch, tag or SHA names, as resolveCommit reads it: from `refs` when given (a
 * name missing there names nothing, as GitHub would answer), else the name stands for itself.
 */
export function commitOf(world: JsonWorld, name: string): string | undefined {
  const released = releasedCommit(world, name);
  if (released !== undefined) return released;
  const refs = world.facts.refs;
  if (refs !== undefined) return refs[name] ?? (FULL_SHA.test(name) ? name : undefined);
  if (!FULL_SHA.test(name)) world.assumed.add(`refs.${name}: not given, so "${name}" stands for its commit`);
  return name;
}

/** The commit the tag of the event's release names: `sha`, else `refs`, else the release's target_commitish. */
function releasedCommit(world: JsonWorld, name: string): string | undefined {
  const release = world.event?.["release"];
  if (typeof release !== "object" || release === null || Reflect.get(release, "tag_name") !== name) return undefined;
  const given = world.facts.sha ?? world.facts.refs?.[name];
  if (given !== undefined) return given;
  const target = Reflect.get(release, "target_commitish");
  if (typeof target !== "string") return undefined;
  world.assumed.add(`sha: the tag ${name} names ${target} (the release's target_commitish)`);
  return target;
}

/** A person's repository permission: the facts' `permission`, else the world's fallback. */
export function permissionOf(world: JsonWorld, login: string): string {
  const given = world.facts.permission;
  if (given !== undefined) return given;
  world.assumed.add(`permission: ${login} has ${world.permissionFallback}`);
  return world.permissionFallback;
}

export function coreFromJson(world: JsonWorld): CoreFacts {
  return {
    self: async () => selfOf(world),
    config: async () => world.config,
    permission: async (login) => permissionOf(world, login),
    commitOf: async (ref) => commitOf(world, ref),
    defaultBranchOf: async (other) => {
      const given = world.facts.workflowDefaultBranch;
      if (given !== undefined) return given;
      world.assumed.add(`workflowDefaultBranch: main (the default branch of ${other.owner}/${other.repo})`);
      return "main";
    },
  };
}
