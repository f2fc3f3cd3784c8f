// Reading a deploy's version URL: fetch, sleep and the clock, passed in so a test can run the
// verify loop against a local server in no time. The real fetch is safeGet, which never reaches a
// private, loopback or link-local address. Which answer counts is policy's (src/policy/deploy/verify.ts).

import { nextVerifyStep, type VerifyAnswer, type VerifyStep } from "../policy/deploy/verify.js";
import { safeGet, SafeGetError } from "./safe-get.js";

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

export type Final = Exclude<VerifyStep, { kind: "continue" }>;

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
