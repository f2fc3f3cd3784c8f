// `verify` without holding a worker: the deploy is marked as being verified and each request to
// the version URL is a job of its own, the next one a timer the job queue keeps for when the
// policy's backoff says (src/policy/deploy/verify.ts). The last request finishes the deploy.

import type { FeatureContext } from "../../features/feature.js";
import type { Config, EnvironmentConfig } from "../../policy/config/index.js";
import { isVerifying, nextVerifyAttempt, renderExpect, verifyStatus } from "../../policy/deploy/verify.js";
import { nothing, plan, type RepoRef } from "../../policy/plan.js";
import { verifyTimer, type VerifyTimer } from "../../policy/timers.js";
import { carryOut, type RunOptions } from "../../features/carry-out.js";
import type { TimerPort } from "../../features/timer-port.js";
import { finishDeployment } from "./finish-deployment.js";
import { appOfDeployment, type EndedDeployment } from "../../policy/deploy/ended-deployment.js";
import { ask, realIO, type VerifyIO } from "../../runtime/verify-io.js";

type Verify = NonNullable<EnvironmentConfig["verify"]>;

/**
 * Marks the deployment in_progress and sets the first request's timer, due at once. "failure"
 * when what to expect cannot be known; the failure status is then written already.
 */
export async function startVerify(
  context: FeatureContext,
  verify: Verify,
  deployment: EndedDeployment,
  options: RunOptions & { readonly timers: TimerPort },
  logUrl: string | undefined,
): Promise<"scheduled" | "failure"> {
  const repo: RepoRef = context.repo();
  const expected = expectedFor(verify, deployment);
  if (!expected.ok) {
    await carryOut(context, plan(expected.error, [verifyStatus(repo, deployment.id, { kind: "fail", description: expected.error }, logUrl)]), options);
    return "failure";
  }
  const installationId = installationOf(context);
  if (installationId === undefined) throw new Error("the event names no installation, so the verify cannot run later as it");
  await carryOut(context, plan(`Verify ${verify.url}.`, [verifyStatus(repo, deployment.id, { kind: "start", url: verify.url }, logUrl)]), options);
  const started = Date.parse(context.now);
  const first: VerifyTimer = {
    kind: "verify",
    installationId,
    repo,
    deploymentId: deployment.id,
    startedAt: started,
    answers: 0,
    ...(logUrl === undefined ? {} : { logUrl }),
  };
  if (!options.dryRun) await options.timers.schedule(verifyTimer(first, started));
  return "scheduled";
}

/**
 * One request of a verify, run from its timer. Idempotent: it acts only while the deployment's
 * newest status is still the bot's "Verifying", so a rerun after the verify ended does nothing,
 * and the next timer's id is fixed by the answers counted, so a rerun sets no second one.
 */
export async function runVerifyAttempt(
  context: FeatureContext,
  config: Config,
  timer: VerifyTimer,
  options: RunOptions,
  io: VerifyIO = realIO({ allowLoopback: options.verifyMayReadLoopback === true }),
): Promise<void> {
  const repo = context.repo();
  const found = await context.facts.deploymentById(timer.deploymentId);
  if (found === undefined) throw new Error(`deployment ${timer.deploymentId} of the verify timer is not there`);
  const log = { deployment: found.id, attempt: timer.answers + 1 };
  if (!isVerifying(found.latestState, found.latestDescription)) {
    context.log.info(log, "verify timer: the deployment is no longer being verified; nothing to do");
    await carryOut(context, nothing("already-done", `Deployment ${found.id} is no longer being verified.`), options);
    return;
  }
  const deployment: EndedDeployment = found;
  const verify = config.environments.find((env) => env.name === deployment.environment)?.verify;
  const expected =
    verify == null ? { ok: false as const, error: `verify: ${deployment.environment} has no verify in the config any more` } : expectedFor(verify, deployment);
  const step =
    verify == null || !expected.ok
      ? { kind: "fail" as const, description: expected.ok ? "" : expected.error }
      : nextVerifyAttempt({
          url: verify.url,
          expected: expected.value,
          timeoutMs: verify.timeoutMs,
          elapsedMs: io.now() - timer.startedAt,
          earlierAnswers: timer.answers,
          answer: await ask(verify.url, io),
        });
  if (step.kind === "continue") {
    if (options.timers === undefined) throw new Error("a verify timer ran where no job queue keeps the next one");
    if (!options.dryRun) await options.timers.schedule(verifyTimer({ ...timer, answers: timer.answers + 1 }, io.now() + step.waitMs));
    context.log.info({ ...log, waitMs: step.waitMs }, "verify: not the new version yet; asking again later");
    return;
  }
  context.log.info({ ...log, result: step.kind }, step.description);
  await carryOut(context, plan(step.description, [verifyStatus(repo, deployment.id, step, timer.logUrl)]), options);
  await finishDeployment(context, config, deployment, step.kind === "succeed" ? "success" : "failure", options, timer.logUrl);
}

function expectedFor(verify: Verify, deployment: Pick<EndedDeployment, "environment" | "sha" | "payload">) {
  const app = appOfDeployment(deployment);
  return renderExpect(verify.expect, { env: deployment.environment, sha: deployment.sha, ...(app === undefined ? {} : { app }) });
}

function installationOf(context: FeatureContext): number | undefined {
  const installation: unknown = "installation" in context.payload ? context.payload.installation : undefined;
  const id = typeof installation === "object" && installation !== null ? Reflect.get(installation, "id") : undefined;
  return typeof id === "number" ? id : undefined;
}
