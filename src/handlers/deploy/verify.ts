// The polling half of `verify`: read the version URL with backoff until the policy says the new
// version answers or the time is up, marking the deployment in_progress meanwhile. fetch, sleep
// and the clock are passed in so a test can run the loop against a local server in no time; the
// real fetch is safeGet, which never reaches a private, loopback or link-local address.
// This loop runs only where there is no job queue (GitHub Actions mode); with one, each request
// is a job of its own (./verify-timer.ts), so a verify never holds its repository's queue.

import type { FeatureContext } from "../feature.js";
import type { EnvironmentConfig } from "../../policy/config/index.js";
import { nextVerifyStep, renderExpect, verifyStatus, type VerifyAnswer, type VerifyStep } from "../../policy/deploy/verify.js";
import { plan, type RepoRef } from "../../policy/plan.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import { safeGet, SafeGetError } from "./safe-get.js";
import { appOfDeployment } from "../../policy/deploy/ended-deployment.js";

export interface VerifyIO {
  readonly fetch: (url: string, init: { signal: AbortSignal }) => Promise<{ status: number; text(): Promise<string> }>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => number;
}

/**
 * The version URL read through safeGet: public addresses only (after DNS, on every redirect),
 * at most 64 KiB of body. `allowLoopback` is for tests against a local server (RunOptions).
 */
export function realIO(options: { readonly allowLoopback?: boolean } = {}): VerifyIO {
  return {
    fetch: (url, init) => safeGet(url, { signal: init.signal, allowLoopback: options.allowLoopback === true }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  };
}

/** One request is given at most this long, so a hanging server cannot stretch the timeout. */
const REQUEST_TIMEOUT_MS = 10_000;

type Final = Exclude<VerifyStep, { kind: "continue" }>;

export async function pollVerify(target: { url: string; expected: string; timeoutMs: number }, io: VerifyIO): Promise<Final> {
  const started = io.now();
  const answers: VerifyAnswer[] = [];
  for (;;) {
    const step = nextVerifyStep({ ...target, elapsedMs: io.now() - started, answers });
    if (step.kind !== "continue") return step;
    if (step.waitMs > 0) await io.sleep(step.waitMs);
    answers.push(await ask(target.url, io));
  }
}

export async function ask(url: string, io: VerifyIO): Promise<VerifyAnswer> {
  try {
    const response = await io.fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    return { status: response.status, body: await response.text() };
  } catch (error) {
    // Only safeGet's own words are published: they name no address and nothing a server sent.
    return { error: error instanceof SafeGetError ? error.message : "the request failed" };
  }
}

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
