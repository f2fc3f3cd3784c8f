// Environment locks as policy sees them. The lock itself is a branch whose creation is atomic
// (see src/github/actions/lock.ts); its facts live in the message of the commit it points at,
// written and read by the one codec in lock-message.ts.

export { decodeLock, encodeLock, heldBy, type Lock } from "./lock-message.js";
import type { Lock } from "./lock-message.js";

const LOCK_PREFIX = "release-pilot/lock/";

/**
 * The lock's scope, as passed to the executor's `environment` field. An app lock is a sibling of
 * the environment lock (`production@api`), not a child (`production/api`): git cannot hold both
 * `lock/production` and `lock/production/api`, so a child name would fail whenever the
 * environment itself is locked.
 */
export function lockScope(env: string, app?: string): string {
  return app === undefined ? env : `${env}@${app}`;
}

/** Full ref name of the lock branch, e.g. `refs/heads/release-pilot/lock/production@api`. */
export function lockRefName(env: string, app?: string): string {
  return `refs/heads/${LOCK_PREFIX}${lockScope(env, app)}`;
}

const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
/** A lock that outlives a month is forgotten, not held; the cap also keeps dates in range. */
export const MAX_LOCK_MS = 30 * UNIT_MS.d;

/** `30m`, `2h`, `1d` → milliseconds; undefined for anything else, zero, or beyond 30 days. */
export function lockDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text.trim().toLowerCase());
  if (match === null) return undefined;
  const amount = Number(match[1]);
  const ms = amount * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return amount > 0 && ms <= MAX_LOCK_MS ? ms : undefined;
}

const UNITS_DOWN = [
  ["d", 86_400_000n],
  ["h", 3_600_000n],
  ["m", 60_000n],
  ["s", 1_000n],
] as const;

/**
 * `86400000` → `1d`, `5400000` → `90m`, `90000` → `90s`: the largest unit that divides evenly,
 * written as people write durations in the config and in /lock. Counted in integers (BigInt), so
 * a duration of any size prints as digits, never as `1.4400000000000002e+29m`.
 */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return "an unbounded time";
  const whole = BigInt(Math.max(0, Math.round(ms)));
  if (whole < 1_000n) return whole === 0n ? "0s" : "1s";
  for (const [unit, size] of UNITS_DOWN) {
    if (whole % size === 0n) return `${whole / size}${unit}`;
  }
  // Below a second's precision: the nearest whole second is what anyone would write.
  return `${(whole + 500n) / 1_000n}s`;
}

/** `2026-11-23T11:00:00.000Z` → `2026-11-23 11:00 UTC`, for sentences people read. */
export function formatTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Expired at or after `expiresAt`; an unreadable expiry counts as expired rather than held forever. */
export function isExpired(lock: Pick<Lock, "expiresAt">, now: string | Date): boolean {
  const expires = Date.parse(lock.expiresAt);
  const at = typeof now === "string" ? Date.parse(now) : now.getTime();
  return Number.isNaN(expires) || at >= expires;
}
