// What an environment shows as deployed, read the same way from GitHub and from a facts file:
// this app's deployments, newest first, until each app has its newest success. Each deployment's
// state is asked for only when the deployment still answers for an app, so the GitHub read costs
// one status call per deployment that matters, not one per deployment listed.
import type { DeployedVersion } from "../policy/status/index.js";
import type { DeployedOn } from "./status.js";

export interface DeploymentSeen {
  /** The app the deployment was of; undefined for a deploy of the whole environment. */
  readonly app: string | undefined;
  readonly version: DeployedVersion;
}

export async function deployedOn<D>(
  apps: readonly string[],
  deployments: readonly D[],
  seen: (deployment: D) => DeploymentSeen,
  stateOf: (deployment: D) => Promise<string | undefined>,
): Promise<DeployedOn> {
  const deployed: Record<string, DeployedVersion> = {};
  const failed: Record<string, DeployedVersion> = {};
  for (const deployment of deployments) {
    if (Object.keys(deployed).length === apps.length) break;
    const { app, version } = seen(deployment);
    // A deploy without an app deployed the whole environment, so it answers for every app.
    const targets = apps.filter((name) => deployed[name] === undefined && (app === undefined || app === name));
    if (targets.length === 0) continue;
    const state = await stateOf(deployment);
    // A failure newer than every success is the one a person still has to act on.
    if (state === "failure" || state === "error") {
      for (const name of targets) failed[name] ??= version;
      continue;
    }
    // GitHub marks earlier successes inactive when a new one succeeds; both were deployed.
    if (state !== "success" && state !== "inactive") continue;
    for (const name of targets) deployed[name] = version;
  }
  return { deployed, failed };
}
