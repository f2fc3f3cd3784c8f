import { createRedisQueue, type RedisQueueOptions } from "./redis.js";
import { createSqliteQueue, type SqliteQueueOptions } from "./sqlite.js";
import type { JobQueue } from "./types.js";

export type CreateQueueOptions = SqliteQueueOptions &
  Omit<RedisQueueOptions, "redisUrl"> & {
    /** Set (from REDIS_URL) when several replicas share the queue; otherwise a local SQLite file. */
    readonly redisUrl?: string | undefined;
  };

/** The caller passes `process.env.REDIS_URL`: this module reads no environment itself. */
export function createQueue(options: CreateQueueOptions = {}): JobQueue {
  const { redisUrl } = options;
  // Each backend ignores the other's settings, so one options object serves both.
  return redisUrl ? createRedisQueue({ ...options, redisUrl }) : createSqliteQueue(options);
}

export { createRedisQueue, jobIdOf } from "./redis.js";
export { createSqliteQueue } from "./sqlite.js";
export { TransientError, defaultRetryPolicy } from "./retry-policy.js";
export type { Job, JobQueue, JobState, NewJob, NewTimer, QueueLogger, QueueOptions, RetryPolicy, Worker } from "./types.js";
export type { RedisQueueOptions, SqliteQueueOptions };
