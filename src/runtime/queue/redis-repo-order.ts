import type { Redis } from "ioredis";

/**
 * Per-repo ordering across replicas, which BullMQ (without Pro groups) does not give.
 *
 * Each repo has a sorted set of its unfinished jobs, scored by enqueue sequence, and a lock
 * (`SET NX PX` with a token, renewed while a job runs). A job may run only while it is the
 * head of its repo's set and holds the lock. The set keeps order; the lock alone would not,
 * since two waiting jobs of a busy repo would race for it when it frees. The lock guards
 * against the one case the set cannot: a worker BullMQ took for dead that is still running.
 */

// KEYS: dedupe, order, seq. ARGV: member, now, dedupe ttl ms.
// Returns the sequence number, or 0 when this delivery was already seen.
const enqueueScript = `
if not redis.call('SET', KEYS[1], ARGV[2], 'NX', 'PX', ARGV[3]) then return 0 end
local seq = redis.call('INCR', KEYS[3])
redis.call('ZADD', KEYS[2], seq, ARGV[1])
return seq`;

// KEYS: order, lock. ARGV: member, seq, token, lock ttl ms, job key prefix, dedupe key prefix,
// now, grace ms. Returns {1, 0} when claimed, {0, rank} when it must wait.
// Heads that will never finish through us are dropped: a job already finished in BullMQ
// (failed as stalled too often), or one whose BullMQ add never happened because the enqueuing
// process died between the two steps (given `grace` for an add still in flight).
const claimScript = `
redis.call('ZADD', KEYS[1], 'NX', ARGV[2], ARGV[1])
while true do
  local head = redis.call('ZRANGE', KEYS[1], 0, 0)[1]
  if head == ARGV[1] then break end
  local jobKey = ARGV[5] .. head
  local stale = false
  if redis.call('EXISTS', jobKey) == 0 then
    local since = tonumber(redis.call('GET', ARGV[6] .. head) or '0')
    stale = tonumber(ARGV[7]) - since > tonumber(ARGV[8])
  elseif redis.call('HEXISTS', jobKey, 'finishedOn') == 1 then
    stale = true
  end
  if not stale then return {0, redis.call('ZRANK', KEYS[1], ARGV[1])} end
  redis.call('ZREM', KEYS[1], head)
end
local holder = redis.call('GET', KEYS[2])
if holder and holder ~= ARGV[3] then return {0, 0} end
redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4])
return {1, 0}`;

// KEYS: lock. ARGV: token, ttl ms.
const renewScript = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[2])
return 1`;

// KEYS: lock, order. ARGV: token, member, 1 when the job is finished (leaves the order).
// Returns the repo's next head, if any.
const releaseScript = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
if ARGV[3] == '1' then redis.call('ZREM', KEYS[2], ARGV[2]) end
return redis.call('ZRANGE', KEYS[2], 0, 0)[1]`;

export type Claim = { readonly claimed: true } | { readonly claimed: false; readonly position: number };

export interface RepoOrderOptions {
  /** Prefix of this queue's own keys. */
  readonly keyPrefix: string;
  /** Prefix of BullMQ's job hashes (`bull:<queue>:`), to see whether a head still exists. */
  readonly jobKeyPrefix: string;
  readonly lockTtlMs: number;
  readonly dedupeTtlMs: number;
  readonly orphanGraceMs: number;
}

export class RepoOrder {
  constructor(
    private readonly redis: Redis,
    private readonly opts: RepoOrderOptions,
  ) {}

  /** Registers a new delivery; `undefined` when it was already seen. */
  async register(member: string, repoKey: string, now: number): Promise<number | undefined> {
    const seq = await this.redis.eval(
      enqueueScript,
      3,
      this.dedupeKey(member),
      this.orderKey(repoKey),
      `${this.opts.keyPrefix}seq`,
      member,
      now,
      this.opts.dedupeTtlMs,
    );
    return seq === 0 ? undefined : Number(seq);
  }

  /** The next place in the repos' shared sequence, for a timer that came due. */
  async nextSeq(): Promise<number> {
    return Number(await this.redis.incr(`${this.opts.keyPrefix}seq`));
  }

  /** Undoes `register` when the job could not be stored, so the delivery may come again. */
  async unregister(member: string, repoKey: string): Promise<void> {
    await this.redis.multi().del(this.dedupeKey(member)).zrem(this.orderKey(repoKey), member).exec();
  }

  /** Puts a job back in its repo's order at its original place (a failed job retried). */
  async reinstate(member: string, repoKey: string, seq: number): Promise<void> {
    await this.redis.zadd(this.orderKey(repoKey), "NX", seq, member);
  }

  async claim(member: string, repoKey: string, seq: number, token: string, now: number): Promise<Claim> {
    const reply = await this.redis.eval(
      claimScript,
      2,
      this.orderKey(repoKey),
      this.lockKey(repoKey),
      member,
      seq,
      token,
      this.opts.lockTtlMs,
      this.opts.jobKeyPrefix,
      this.dedupeKey(""),
      now,
      this.opts.orphanGraceMs,
    );
    const [claimed, position] = Array.isArray(reply) ? reply : [0, 0];
    return claimed === 1 ? { claimed: true } : { claimed: false, position: Number(position) };
  }

  /** False when the lock was lost, i.e. the run outlived it and another replica may have started. */
  async renew(repoKey: string, token: string): Promise<boolean> {
    return (await this.redis.eval(renewScript, 1, this.lockKey(repoKey), token, this.opts.lockTtlMs)) === 1;
  }

  /** Frees the repo; `finished` also takes the job out of the order. Returns the next head. */
  async release(member: string, repoKey: string, token: string, finished: boolean): Promise<string | undefined> {
    const next = await this.redis.eval(releaseScript, 2, this.lockKey(repoKey), this.orderKey(repoKey), token, member, finished ? "1" : "0");
    return typeof next === "string" ? next : undefined;
  }

  private orderKey(repoKey: string): string {
    return `${this.opts.keyPrefix}order:${repoKey}`;
  }

  private lockKey(repoKey: string): string {
    return `${this.opts.keyPrefix}lock:${repoKey}`;
  }

  private dedupeKey(member: string): string {
    return `${this.opts.keyPrefix}seen:${member}`;
  }
}
