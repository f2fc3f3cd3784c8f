// Facts for the trust decision of a push deploy: the pusher's permission, and the author
// association of the pull request the pushed commit merged (read only when it could matter).

import type { FeatureContext } from "../../features/feature.js";
import type { EnvironmentConfig } from "../../policy/config/index.js";
import { decideTrust, needsPullAssociation, type Trust } from "../../policy/deploy/trusted.js";

export async function pushTrust(context: FeatureContext, env: EnvironmentConfig, sha: string, pusher: string, app?: string): Promise<Trust> {
  const base = {
    env: env.name,
    ...(app === undefined ? {} : { app }),
    sha,
    pusher,
    trusted: env.trusted,
    permission: await context.facts.permission(pusher),
  };
  if (!needsPullAssociation(base)) return decideTrust(base);
  const association = await context.facts.mergedPullAssociation(sha);
  return decideTrust({ ...base, ...(association === undefined ? {} : { mergedPullAssociation: association }) });
}
