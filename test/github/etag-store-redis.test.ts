// Issue #19 item 2 with REDIS_URL: the ETag cache shared through a real redis-server, so a read
// one replica made is a 304 for another; bounded and per installation as the memory store is.
import { Redis } from "ioredis";
import { ProbotOctokit } from "probot";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { cacheConditionalReads } from "../../src/github/etag-cache.js";
import type { EtagStore } from "../../src/github/etag-store.js";
import { redisEtagStore } from "../../src/github/etag-store-redis.js";
import { type Emulator, startEmulator } from "../emulator/index.js";
import { type RedisServer, startRedisServer } from "../runtime/queue/support/redis-server.js";

let gh: Emulator;
let server: RedisServer;
const clients: Redis[] = [];
const repo = { owner: "acme", repo: "web" };
const CONFIG = ".github/release-pilot.yml";

/** A replica's own connection and store, as each process would make from REDIS_URL. */
function replica(prefix: string, entriesPerInstallation = 200): EtagStore {
  const redis = new Redis(server.url);
  clients.push(redis);
  return redisEtagStore(redis, { entriesPerInstallation }, prefix);
}

function read(store: EtagStore, path: string, installation = 1): Promise<unknown> {
  const octokit = new ProbotOctokit({
    auth: { token: "ghs_installation" },
    baseUrl: `${gh.url}/api/v3`,
    throttle: { enabled: false },
    retry: { enabled: false },
  });
  cacheConditionalReads(octokit, installation, store);
  return octokit.config.get({ ...repo, path }).then((answer) => answer.config);
}

beforeAll(async () => {
  [gh, server] = await Promise.all([startEmulator(), startRedisServer()]);
  gh.createRepo({ ...repo, files: { [CONFIG]: "tag: v{version}\n", "a.yml": "a: 1\n", "b.yml": "b: 1\n", "c.yml": "c: 1\n" } });
}, 30_000);

beforeEach(() => gh.resetCalls());

afterAll(async () => {
  for (const client of clients) client.disconnect();
  await server?.stop();
  expect(gh.violations).toEqual([]);
  await gh?.close();
});

describe("the ETag cache on Redis", () => {
  it("lets a second replica's config read send If-None-Match and get 304, with the first replica's body", async () => {
    const [one, two] = [replica("t1"), replica("t1")];
    expect(await read(one, CONFIG)).toEqual({ tag: "v{version}" });
    expect(await read(two, CONFIG)).toEqual({ tag: "v{version}" });
    expect(gh.calls.map((c) => [c.status, c.points])).toEqual([
      [200, 1],
      [304, 0],
    ]);
  });

  it("never serves one installation's answer to another", async () => {
    const store = replica("t2");
    await read(store, CONFIG, 1);
    await read(store, CONFIG, 2);
    expect(gh.calls.map((c) => c.status)).toEqual([200, 200]);
  });

  it("keeps at most the bound per installation, dropping the least recently used", async () => {
    const store = replica("t3", 2);
    await read(store, "a.yml");
    await read(store, "b.yml");
    await read(store, "a.yml");
    await read(store, "c.yml"); // drops b.yml, the least recently used
    const redis = clients.at(-1) as Redis;
    expect(await redis.zcard("t3:1:lru")).toBe(2);
    expect((await redis.keys("t3:1:*")).length).toBe(3); // two entries and the lru set
    gh.resetCalls();
    await read(store, "a.yml");
    await read(store, "b.yml");
    expect(gh.calls.map((c) => c.status)).toEqual([304, 200]);
  });
});
