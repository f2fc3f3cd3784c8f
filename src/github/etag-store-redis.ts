// The ETag store shared through Redis (REDIS_URL): every replica's repeat of a read any replica
// made is a 304. Per installation: each answer is `<prefix>:<installation>:<key>`, and a sorted
// set `<prefix>:<installation>:lru` scores keys by last use, trimmed to the bound after each
// write, least recent first. Entries also expire, so an installation that went away leaves
// nothing behind. A failing Redis only costs the rate-limit point (etag-cache.ts swallows it).
import type { Redis } from "ioredis";
import { DEFAULT_ETAG_BOUNDS, type EtagEntry, type EtagStore } from "./etag-store.js";

export const ETAG_TTL_SECONDS = 7 * 24 * 3600;

export function redisEtagStore(
  redis: Redis,
  // Redis has its own memory bound (maxmemory); the per-installation bound keeps one busy
  // installation from pushing out everyone else's answers.
  bounds: Pick<typeof DEFAULT_ETAG_BOUNDS, "entriesPerInstallation"> = DEFAULT_ETAG_BOUNDS,
  prefix = "release-pilot:etag",
): EtagStore {
  const entryKey = (installation: number, key: string): string => `${prefix}:${installation}:${key}`;
  const lruKey = (installation: number): string => `${prefix}:${installation}:lru`;
  // A counter, not the clock: replicas' clocks disagree, and order is all the bound needs.
  const tick = (): Promise<number> => redis.incr(`${prefix}:tick`);

  return {
    get: async (installation, key) => {
      const text = await redis.get(entryKey(installation, key));
      if (text === null) return undefined;
      await redis.zadd(lruKey(installation), await tick(), key);
      return JSON.parse(text) as EtagEntry;
    },
    set: async (installation, key, entry) => {
      const lru = lruKey(installation);
      await redis
        .multi()
        .set(entryKey(installation, key), JSON.stringify(entry), "EX", ETAG_TTL_SECONDS)
        .zadd(lru, await tick(), key)
        .expire(lru, ETAG_TTL_SECONDS)
        .exec();
      const over = (await redis.zcard(lru)) - bounds.entriesPerInstallation;
      if (over <= 0) return;
      const oldest = await redis.zrange(lru, "0", String(over - 1));
      if (oldest.length === 0) return;
      await redis
        .multi()
        .del(...oldest.map((old) => entryKey(installation, old)))
        .zrem(lru, ...oldest)
        .exec();
    },
  };
}
