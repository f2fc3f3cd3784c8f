import type { RetryPolicy } from "./types.js";

export const defaultRetryPolicy: RetryPolicy = { baseMs: 1_000, capMs: 60_000, maxAttempts: 6 };

/**
 * Thrown by a worker when trying again later may succeed (rate limit, 5xx, network).
 * Any error with `retryable: true` is treated the same, so other layers need not import this.
 */
export class TransientError extends Error {
  readonly retryable = true;
  readonly retryAfterMs: number | undefined;

  constructor(message: string, opts: { retryAfterMs?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause });
    this.name = "TransientError";
    this.retryAfterMs = opts.retryAfterMs;
  }
}

export type AfterError = { readonly kind: "retry"; readonly delayMs: number; readonly message: string } | { readonly kind: "fail"; readonly message: string };

/** What to do with a job whose run number `attempts` threw `error`. */
export function decideAfterError(error: unknown, attempts: number, policy: RetryPolicy, random: () => number): AfterError {
  const message = errorMessage(error);
  if (!isRetryable(error) || attempts >= policy.maxAttempts) return { kind: "fail", message };
  return { kind: "retry", delayMs: retryDelayMs(attempts, policy, random, retryAfterMs(error)), message };
}

export function retryDelayMs(attempts: number, policy: RetryPolicy, random: () => number, retryAfter?: number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempts - 1));
  // Equal jitter: never sooner than half the ceiling, and replicas that failed together
  // (one GitHub outage) spread out instead of retrying in lockstep.
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  // A server that says when to come back knows better than our schedule, even past the cap.
  return Math.round(Math.max(jittered, retryAfter ?? 0));
}

export function resolvePolicy(partial: Partial<RetryPolicy> | undefined): RetryPolicy {
  return { ...defaultRetryPolicy, ...partial };
}

export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  return String(error);
}

function isRetryable(error: unknown): boolean {
  return typeof error === "object" && error !== null && "retryable" in error && error.retryable === true;
}

function retryAfterMs(error: unknown): number | undefined {
  if (typeof error !== "object" || error === null || !("retryAfterMs" in error)) return undefined;
  const value = error.retryAfterMs;
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? value : undefined;
}
