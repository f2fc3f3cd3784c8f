// Environment locks as policy sees them. The lock itself is a branch whose creation is atomic
// (see src/github/actions/lock.ts); its facts live in the message of the commit it points at.
// Two message shapes are read: the one encodeLock writes (a human first line, then JSON) and
// the `holder: / reason: / expires:` lines the executor writes today, so a lock taken by either
// is seen by the gates.

export interface Lock {
  readonly holder: string;
  readonly reason: string;
  /** ISO time; the lock is free after it. */
  readonly expiresAt: string;
  /** ISO time; unknown for locks written in the executor's line format. */
  readonly createdAt?: string;
  /** Set when a deploy holds the lock (rather than a person's /lock). */
  readonly deploymentKey?: string;
  /** The idempotency key of the acquire-lock action that took it, when the message carries one. */
  readonly key?: string;
}

const LOCK_PREFIX = "release-pilot/lock/";

/** The key-marker the executor appends to lock messages; kept in step with src/github/marker.ts. */
const KEY_MARKER = /<!-- release-pilot:key=([^\s>]+) -->/;

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

export function encodeLock(lock: Lock): string {
  const why = lock.reason === "" ? "" : ` (${lock.reason})`;
  const head = `Release Pilot lock held by ${lock.holder} until ${lock.expiresAt}${why}`;
  const body = {
    holder: lock.holder,
    reason: lock.reason,
    expiresAt: lock.expiresAt,
    ...(lock.createdAt === undefined ? {} : { createdAt: lock.createdAt }),
    ...(lock.deploymentKey === undefined ? {} : { deploymentKey: lock.deploymentKey }),
    ...(lock.key === undefined ? {} : { key: lock.key }),
  };
  // The first line is what GitHub shows for the commit; newlines in it would split the subject.
  return `${head.replace(/[\r\n]+/g, " ")}\n\n${JSON.stringify(body, null, 2)}\n`;
}

export function decodeLock(text: string): Lock | undefined {
  return decodeJson(text) ?? decodeLines(text);
}

function decodeJson(text: string): Lock | undefined {
  const start = text.indexOf("\n{");
  const end = text.lastIndexOf("}");
  if (start < 0 || end < start) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text.slice(start + 1, end + 1));
  } catch {
    return undefined;
  }
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const holder = stringField(record, "holder");
  const expiresAt = stringField(record, "expiresAt");
  if (holder === undefined || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const createdAt = stringField(record, "createdAt");
  const deploymentKey = stringField(record, "deploymentKey");
  const key = stringField(record, "key") ?? markerKey(text);
  return {
    holder,
    reason: stringField(record, "reason") ?? "",
    expiresAt,
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(deploymentKey === undefined ? {} : { deploymentKey }),
    ...(key === undefined ? {} : { key }),
  };
}

function decodeLines(text: string): Lock | undefined {
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1]?.trim();
  const holder = field("holder");
  const expiresAt = field("expires");
  if (holder === undefined || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const key = markerKey(text);
  const deploymentKey = key?.startsWith("lock:") === true ? deployKeyOfLockKey(key) : undefined;
  return {
    holder,
    reason: field("reason") ?? "",
    expiresAt,
    ...(deploymentKey === undefined ? {} : { deploymentKey }),
    ...(key === undefined ? {} : { key }),
  };
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === "string" ? value : undefined;
}

function markerKey(text: string): string | undefined {
  const raw = KEY_MARKER.exec(text)?.[1];
  if (raw === undefined) return undefined;
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
}

/** `lock:<scope>:<deployKey>` → `<deployKey>`; the scope never contains a colon. */
export function deployKeyOfLockKey(key: string): string | undefined {
  const rest = key.slice("lock:".length);
  const colon = rest.indexOf(":");
  return colon < 0 ? undefined : rest.slice(colon + 1) || undefined;
}

/** Expired at or after `expiresAt`; an unreadable expiry counts as expired rather than held forever. */
export function isExpired(lock: Pick<Lock, "expiresAt">, now: string | Date): boolean {
  const expires = Date.parse(lock.expiresAt);
  const at = typeof now === "string" ? Date.parse(now) : now.getTime();
  return Number.isNaN(expires) || at >= expires;
}
