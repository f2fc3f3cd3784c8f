// A deployment of this app's that just ended, whoever noticed (its status event, the last verify
// request, its lock's expiry, a failed workflow run), and what ran before it: the version a
// failed deploy's rollback sentence names.

import { deploymentPayload } from "./deployment-payload.js";
import type { ChosenVersion, DeploymentRecord } from "./settings.js";

export interface EndedDeployment {
  readonly id: number;
  readonly sha: string;
  readonly environment: string;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly createdAt: string;
  readonly productionEnvironment: boolean;
}

/** The app the deployment was of, as its payload says; undefined in a single-app repository. */
export function appOfDeployment(deployment: Pick<EndedDeployment, "payload">): string | undefined {
  return deploymentPayload(deployment.payload).app;
}

/** The newest success (or superseded success) before the deployment, from its environment's history. */
export function previousSuccessIn(
  history: readonly DeploymentRecord[],
  deployment: { readonly id: number; readonly createdAt: string },
): ChosenVersion | undefined {
  const before = history.find(
    (record) =>
      record.id !== deployment.id &&
      (record.state === "success" || record.state === "inactive") &&
      Date.parse(record.createdAt) <= Date.parse(deployment.createdAt),
  );
  return before === undefined ? undefined : { sha: before.sha, ref: before.ref, ...(before.imageTag === undefined ? {} : { imageTag: before.imageTag }) };
}
