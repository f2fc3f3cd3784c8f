// What a timer carries: the work the app asks of itself for later (the next request of a verify,
// the check at a deploy lock's expiry). It is stored in the job queue, not on GitHub, and read
// back when it comes due, so it has one codec with a format version like everything else the
// bot writes and reads back. It carries only what finds the state again on GitHub (the
// deployment, the lock key); what to do is decided from what GitHub says when it fires.

import type { RepoRef } from "./plan.js";

/**
 * The job name of a timer. GitHub's event names are lower-case words and underscores, so this
 * one is never a webhook's; the worker tells a timer by the queue's own mark (`origin`), not by
 * this name, so a webhook sent with it is still only a webhook.
 */
export const TIMER_JOB_NAME = "release-pilot.timer";

const VERSION = 1;

/** The next request of a verify: `answers` were read so far, since `startedAt` (epoch ms). */
export interface VerifyTimer {
  readonly kind: "verify";
  readonly installationId: number;
  readonly repo: RepoRef;
  readonly deploymentId: number;
  readonly startedAt: number;
  readonly answers: number;
  readonly logUrl?: string;
}

/** A deploy's lock runs out at `expiresAt`: did the deploy report by then? */
export interface LockExpiryTimer {
  readonly kind: "lock-expiry";
  readonly installationId: number;
  readonly repo: RepoRef;
  /** The deployment's environment (the lock's scope may add `@app`). */
  readonly environment: string;
  readonly app?: string;
  /** The acquire-lock key, `lock:<scope>:<deploy key>`, which the lock's message carries. */
  readonly lockKey: string;
  readonly expiresAt: string;
}

/** A push's deploy held by a freeze or outside a deploy window: deploy it when the window opens. */
export interface WindowOpenTimer {
  readonly kind: "window-open";
  readonly installationId: number;
  readonly repo: RepoRef;
  readonly environment: string;
  readonly app?: string;
  readonly sha: string;
  /** Who pushed: the deploy goes ahead as them, their trust read again when it does. */
  readonly pusher: string;
  readonly opensAt: string;
}

export type TimerPayload = VerifyTimer | LockExpiryTimer | WindowOpenTimer;

export interface TimerRequest {
  /** Deterministic: the same step scheduled twice (a rerun) is one timer. */
  readonly id: string;
  /** "owner/repo", so it runs in its repository's order once due. */
  readonly repoKey: string;
  /** Epoch ms. */
  readonly runAt: number;
  readonly payload: Readonly<Record<string, unknown>>;
}

export function verifyTimer(timer: VerifyTimer, runAt: number): TimerRequest {
  return request(`verify:${repoKey(timer.repo)}:${timer.deploymentId}:${timer.answers}`, timer, runAt);
}

export function lockExpiryTimer(timer: LockExpiryTimer): TimerRequest {
  // An unreadable expiry comes due at once; the check then reads the lock itself.
  const at = Date.parse(timer.expiresAt);
  return request(`lock-expiry:${repoKey(timer.repo)}:${timer.lockKey}:${timer.expiresAt}`, timer, Number.isNaN(at) ? 0 : at);
}

export function windowOpenTimer(timer: WindowOpenTimer): TimerRequest {
  const at = Date.parse(timer.opensAt);
  return request(`window-open:${repoKey(timer.repo)}:${timer.environment}:${timer.app ?? ""}:${timer.sha}:${timer.opensAt}`, timer, Number.isNaN(at) ? 0 : at);
}

function request(id: string, timer: TimerPayload, runAt: number): TimerRequest {
  return { id, repoKey: repoKey(timer.repo), runAt, payload: { v: VERSION, ...timer } };
}

function repoKey(repo: RepoRef): string {
  return `${repo.owner}/${repo.repo}`;
}

/** The timer a stored payload describes, or undefined when it is not one this version wrote. */
export function decodeTimer(value: unknown): TimerPayload | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record = value as Record<string, unknown>;
  if (record["v"] !== VERSION) return undefined;
  const installationId = record["installationId"];
  const repo = repoOf(record["repo"]);
  if (typeof installationId !== "number" || !Number.isInteger(installationId) || repo === undefined) return undefined;
  if (record["kind"] === "verify") {
    const { deploymentId, startedAt, answers, logUrl } = record;
    if (!isCount(deploymentId) || typeof startedAt !== "number" || !Number.isFinite(startedAt) || !isCount(answers)) return undefined;
    return { kind: "verify", installationId, repo, deploymentId, startedAt, answers, ...(typeof logUrl === "string" ? { logUrl } : {}) };
  }
  if (record["kind"] === "lock-expiry") {
    const { environment, app, lockKey, expiresAt } = record;
    if (typeof environment !== "string" || typeof lockKey !== "string" || !lockKey.startsWith("lock:") || typeof expiresAt !== "string") return undefined;
    return { kind: "lock-expiry", installationId, repo, environment, ...(typeof app === "string" ? { app } : {}), lockKey, expiresAt };
  }
  if (record["kind"] === "window-open") {
    const { environment, app, sha, pusher, opensAt } = record;
    if (typeof environment !== "string" || typeof sha !== "string" || typeof pusher !== "string" || typeof opensAt !== "string") return undefined;
    return { kind: "window-open", installationId, repo, environment, ...(typeof app === "string" ? { app } : {}), sha, pusher, opensAt };
  }
  return undefined;
}

function repoOf(value: unknown): RepoRef | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { owner, repo } = value as Record<string, unknown>;
  return typeof owner === "string" && owner !== "" && typeof repo === "string" && repo !== "" ? { owner, repo } : undefined;
}

function isCount(value: unknown): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= 0;
}
