// The polling half of `verify`: mark the deployment in_progress, poll the version URL
// (src/runtime/verify-io.ts) until the policy says the new version answers or the time is up,
// and record the answer. This loop runs only where there is no job queue (GitHub Actions mode);
// with one, each request is a job of its own (./verify-timer.ts), so a verify never holds its
// repository's queue.

import type { FeatureContext } from "../../features/feature.js";
import type { EnvironmentConfig } from "../../policy/config/index.js";
import { renderExpect, verifyStatus } from "../../policy/deploy/verify.js";
import { plan, type RepoRef } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import { pollVerify, realIO, type Final, type VerifyIO } from "../../runtime/verify-io.js";
import { appOfDeployment } from "../../policy/deploy/ended-deployment.js";

export interface VerifiedDeployment {
  readonly id: number;
  readonly sha: string;
  readonly environment: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

/**
 * Marks the deployment as being verified, polls, and records the answer as its final status.
 * Returns the state the outcome should report.
 */
export async function verifyDeployment(
  context: FeatureContext,
  verify: NonNullable<EnvironmentConfig["verify"]>,
  deployment: VerifiedDeployment,
  options: RunOptions,
  logUrl?: string,
  io: VerifyIO = realIO({ allowLoopback: options.verifyMayReadLoopback === true }),
): Promise<"success" | "failure"> {
  const repo: RepoRef = context.repo();
  const app = appOfDeployment(deployment);
  const expected = renderExpect(verify.expect, { env: deployment.environment, sha: deployment.sha, ...(app === undefined ? {} : { app }) });
  let final: Final;
  if (expected.ok) {
    await carryOut(context, plan(`Verify ${verify.url}.`, [verifyStatus(repo, deployment.id, { kind: "start", url: verify.url }, logUrl)]), options);
    final = await pollVerify({ url: verify.url, expected: expected.value, timeoutMs: verify.timeoutMs }, io);
  } else {
    final = { kind: "fail", description: expected.error };
  }
  context.log.info({ deployment: deployment.id, url: verify.url, result: final.kind }, final.description);
  await carryOut(context, plan(final.description, [verifyStatus(repo, deployment.id, final, logUrl)]), options);
  return final.kind === "succeed" ? "success" : "failure";
}
