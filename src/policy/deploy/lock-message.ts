// The one codec of a lock's commit message: the executor writes it (src/github/actions/lock.ts)
// and every reader (the deploy gates, /status, /unlock, the executor's own "is this mine?")
// decodes it here. The message says in so many words who holds the lock, a person (`/lock`) or a
// running deploy, so no reader has to guess from the shape of a key: a person's lock once read as
// a deploy's let other people's deploys through in environments without a queue (issue #12).
//
// Format 2 (written now): a line people read in GitHub's UI, a blank line, then JSON with
// `"format": 2` and `"by": "person" | "deploy"` (`deploymentKey` only with `deploy`).
// Read as well, for locks taken before:
// - format 1: the same layout without `format`/`by`; a deploy's lock carried `deploymentKey`.
// - the line format (`holder: / reason: / expires:` and a key marker) the executor wrote: a
//   deploy's acquire key is `lock:<scope>:deploy:...` (deployKey() in deploy-key.ts), a person's
//   `lock:<scope>:comment-<id>`, so only the `deploy:` form is a deploy.

import { keyOf } from "../markers/key.js";

export const LOCK_FORMAT = 2;

/** Who holds a lock: said explicitly in the message. */
export interface Lock {
  readonly holder: string;
  readonly reason: string;
  /** ISO time; the lock is free after it. */
  readonly expiresAt: string;
  /** ISO time; unknown for locks written in the executor's line format. */
  readonly createdAt?: string;
  /**
   * Set exactly when a running deploy holds the lock; absent for a person's /lock. The message
   * says which in so many words (lock-message.ts), never inferred from the shape of a key.
   */
  readonly deploymentKey?: string;
  /** The idempotency key of the acquire-lock action that took it, when the message carries one. */
  readonly key?: string;
}

export type LockHolderKind = "person" | "deploy";

/** What the executor writes: a Lock, whose `deploymentKey` is present exactly when a deploy holds it. */
export type LockRecord = Lock;

export function heldBy(lock: Pick<Lock, "deploymentKey">): LockHolderKind {
  return lock.deploymentKey === undefined ? "person" : "deploy";
}

export function encodeLock(lock: LockRecord): string {
  const by = heldBy(lock);
  const why = lock.reason === "" ? "" : ` (${lock.reason})`;
  const head = by === "deploy" ? `Release Pilot lock: a deploy by ${lock.holder}` : `Release Pilot lock held by ${lock.holder}`;
  const body = {
    format: LOCK_FORMAT,
    by,
    holder: lock.holder,
    reason: lock.reason,
    expiresAt: lock.expiresAt,
    ...(lock.createdAt === undefined ? {} : { createdAt: lock.createdAt }),
    ...(lock.deploymentKey === undefined ? {} : { deploymentKey: lock.deploymentKey }),
    ...(lock.key === undefined ? {} : { key: lock.key }),
  };
  // The first line is what GitHub shows for the commit; newlines in it would split the subject.
  return `${`${head} until ${lock.expiresAt}${why}`.replace(/[\r\n]+/g, " ")}\n\n${JSON.stringify(body, null, 2)}\n`;
}

/** The lock a commit message describes, in any format ever written; undefined for anything else. */
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
  const format = record["format"];
  const deploymentKey = stringField(record, "deploymentKey");
  if (format !== undefined) {
    // A format this code does not know, or one that does not say who holds it, is not guessed at.
    if (format !== LOCK_FORMAT) return undefined;
    const by = record["by"];
    if (by !== "person" && !(by === "deploy" && deploymentKey !== undefined)) return undefined;
  }
  const by: LockHolderKind = format === undefined ? (deploymentKey === undefined ? "person" : "deploy") : (record["by"] as LockHolderKind);
  const createdAt = stringField(record, "createdAt");
  const key = stringField(record, "key") ?? markerKey(text);
  return {
    holder,
    reason: stringField(record, "reason") ?? "",
    expiresAt,
    ...(createdAt === undefined ? {} : { createdAt }),
    ...(by === "deploy" && deploymentKey !== undefined ? { deploymentKey } : {}),
    ...(key === undefined ? {} : { key }),
  };
}

function decodeLines(text: string): Lock | undefined {
  const field = (name: string) => new RegExp(`^${name}: (.*)$`, "m").exec(text)?.[1]?.trim();
  const holder = field("holder");
  const expiresAt = field("expires");
  if (holder === undefined || expiresAt === undefined || Number.isNaN(Date.parse(expiresAt))) return undefined;
  const key = markerKey(text);
  const deploymentKey = key === undefined ? undefined : legacyDeployKey(key);
  return {
    holder,
    reason: field("reason") ?? "",
    expiresAt,
    ...(deploymentKey === undefined ? {} : { deploymentKey }),
    ...(key === undefined ? {} : { key }),
  };
}

/**
 * `lock:<scope>:deploy:<...>` → `deploy:<...>`: the only acquire key a deploy ever wrote in the
 * line format. `lock:<scope>:comment-<id>` (a person's /lock) and anything else is no deploy.
 */
function legacyDeployKey(key: string): string | undefined {
  if (!key.startsWith("lock:")) return undefined;
  const rest = key.slice("lock:".length);
  const colon = rest.indexOf(":");
  const tail = colon < 0 ? "" : rest.slice(colon + 1);
  return tail.startsWith("deploy:") ? tail : undefined;
}

function stringField(record: Record<string, unknown>, name: string): string | undefined {
  const value = record[name];
  return typeof value === "string" ? value : undefined;
}

function markerKey(text: string): string | undefined {
  return keyOf(text);
}
