// The runtime's knobs, read from the environment in one place (`src/app.ts` hands `process.env`
// in) so nothing below reads ambient state.
import { BODY_TIMEOUT_MS, MAX_BYTES_IN_FLIGHT } from "./intake.js";
import type { RetryPolicy } from "./queue/index.js";

export interface RuntimeSettings {
  /** Redis shared by every replica; unset means a SQLite file under `dataDir`. */
  readonly redisUrl: string | undefined;
  readonly dataDir: string;
  readonly retry: Partial<RetryPolicy>;
  /** Jobs run at once (different repositories; one repository's jobs always run in order). */
  readonly concurrency: number;
  /** How often to redeliver what GitHub failed to deliver; undefined when switched off. */
  readonly reconcileIntervalMs: number | undefined;
  /** Redis only: how long a killed replica's job stays claimed before another takes it. */
  readonly lockMs: number | undefined;
  /** How long SIGTERM waits for running jobs before the process exits anyway. */
  readonly shutdownGraceMs: number;
  /** What an unauthenticated sender can make the webhook route hold (src/runtime/intake.ts). */
  readonly intake: IntakeBounds;
}

export interface IntakeBounds {
  /** Bytes of webhook bodies held at once; beyond, 503. */
  readonly maxBytesInFlight: number;
  /** Time for the request headers to arrive; beyond, Node answers 408 and closes. */
  readonly headersTimeoutMs: number;
  /** Time for the body to arrive once the headers are in; beyond, 408. */
  readonly bodyTimeoutMs: number;
}

export const HEADERS_TIMEOUT_MS = 10_000;

const hour = 60 * 60 * 1000;

/**
 * Five runs of a job, each of whose GitHub calls Probot's own Octokit already retries up to
 * three times on a 5xx (plugin-retry, 1 s, 4 s, 9 s): a call that keeps failing is tried at most
 * 20 times over about five minutes, not the queue's default six times that.
 */
const DEFAULT_MAX_ATTEMPTS = 5;

export function runtimeSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): RuntimeSettings {
  const retry: { -readonly [K in keyof RetryPolicy]?: RetryPolicy[K] } = { maxAttempts: positive(env["RETRY_MAX_ATTEMPTS"]) ?? DEFAULT_MAX_ATTEMPTS };
  const baseMs = positive(env["RETRY_BASE_MS"]);
  if (baseMs !== undefined) retry.baseMs = baseMs;
  const capMs = positive(env["RETRY_CAP_MS"]);
  if (capMs !== undefined) retry.capMs = capMs;
  return {
    redisUrl: env["REDIS_URL"] || undefined,
    dataDir: env["DATA_DIR"] || "./data",
    retry,
    concurrency: positive(env["WORKER_CONCURRENCY"]) ?? 4,
    reconcileIntervalMs: reconcileInterval(env),
    lockMs: positive(env["QUEUE_LOCK_MS"]),
    shutdownGraceMs: positive(env["SHUTDOWN_GRACE_MS"]) ?? 25_000,
    intake: {
      maxBytesInFlight: positive(env["INTAKE_MAX_BYTES_IN_FLIGHT"]) ?? MAX_BYTES_IN_FLIGHT,
      headersTimeoutMs: positive(env["INTAKE_HEADERS_TIMEOUT_MS"]) ?? HEADERS_TIMEOUT_MS,
      bodyTimeoutMs: positive(env["INTAKE_BODY_TIMEOUT_MS"]) ?? BODY_TIMEOUT_MS,
    },
  };
}

/** Hourly by default; "0" switches it off, and tests get it only when they ask. */
function reconcileInterval(env: Readonly<Record<string, string | undefined>>): number | undefined {
  const raw = env["RECONCILE_INTERVAL_MS"];
  if (raw === undefined || raw === "") return env["NODE_ENV"] === "test" ? undefined : hour;
  return positive(raw);
}

function positive(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const value = Number(raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}
