import { describe, expect, it } from "vitest";
import { runtimeSettingsFromEnv } from "../../src/runtime/settings.js";

describe("runtimeSettingsFromEnv", () => {
  it("uses SQLite in ./data, five attempts and an hourly reconciler by default", () => {
    expect(runtimeSettingsFromEnv({})).toMatchObject({
      redisUrl: undefined,
      dataDir: "./data",
      retry: { maxAttempts: 5 },
      reconcileIntervalMs: 3_600_000,
      concurrency: 4,
    });
  });

  it("switches the reconciler off in tests unless asked", () => {
    expect(runtimeSettingsFromEnv({ NODE_ENV: "test" }).reconcileIntervalMs).toBeUndefined();
    expect(runtimeSettingsFromEnv({ NODE_ENV: "test", RECONCILE_INTERVAL_MS: "5000" }).reconcileIntervalMs).toBe(5_000);
  });

  it("switches the reconciler off with 0", () => {
    expect(runtimeSettingsFromEnv({ RECONCILE_INTERVAL_MS: "0" }).reconcileIntervalMs).toBeUndefined();
  });

  it("reads the queue, retry and lock settings", () => {
    const settings = runtimeSettingsFromEnv({
      REDIS_URL: "redis://r:6379",
      DATA_DIR: "/var/lib/rp",
      RETRY_BASE_MS: "50",
      RETRY_CAP_MS: "500",
      RETRY_MAX_ATTEMPTS: "3",
      QUEUE_LOCK_MS: "1000",
    });
    expect(settings).toMatchObject({ redisUrl: "redis://r:6379", dataDir: "/var/lib/rp", retry: { baseMs: 50, capMs: 500, maxAttempts: 3 }, lockMs: 1_000 });
  });

  it("ignores values that are not positive numbers", () => {
    expect(runtimeSettingsFromEnv({ RETRY_BASE_MS: "soon", WORKER_CONCURRENCY: "-2" })).toMatchObject({ retry: { maxAttempts: 5 }, concurrency: 4 });
    expect(runtimeSettingsFromEnv({ RETRY_BASE_MS: "soon" }).retry).not.toHaveProperty("baseMs");
  });
});
