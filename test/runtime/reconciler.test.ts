import { describe, expect, it } from "vitest";
import { reconcile, type AppHookPort } from "../../src/runtime/reconciler.js";

const NOW = Date.parse("2026-01-10T12:00:00Z");
const ago = (hours: number) => new Date(NOW - hours * 3_600_000).toISOString();
const log = { info: () => undefined, warn: () => undefined };

function port(pages: unknown[][], refuse: readonly number[] = []) {
  const redelivered: number[] = [];
  let pagesRead = 0;
  const octokit: AppHookPort = {
    deliveryPages: async function* () {
      for (const page of pages) {
        pagesRead++;
        yield page;
      }
    },
    redeliver: async (id) => {
      if (refuse.includes(id)) throw new Error("422");
      redelivered.push(id);
    },
  };
  return { octokit, redelivered, pagesRead: () => pagesRead };
}

const entry = (id: number, guid: string, status: number, hours: number) => ({ id, guid, status_code: status, delivered_at: ago(hours), event: "push" });

describe("reconcile", () => {
  it("redelivers the failed deliveries the queue does not hold", async () => {
    const { octokit, redelivered } = port([[entry(3, "c", 502, 1), entry(2, "b", 202, 2), entry(1, "a", 500, 3)]]);
    const result = await reconcile({ appOctokit: async () => octokit, knownJobIds: async () => new Set(["c"]), log, now: () => NOW });
    expect(redelivered).toEqual([1]);
    expect(result).toEqual({ seen: 3, redelivered: ["a"], failed: [] });
  });

  it("stops reading pages once they reach past three days", async () => {
    const { octokit, pagesRead } = port([[entry(3, "c", 202, 1), entry(2, "b", 202, 80)], [entry(1, "a", 500, 90)]]);
    await reconcile({ appOctokit: async () => octokit, knownJobIds: async () => new Set(), log, now: () => NOW });
    expect(pagesRead()).toBe(1);
  });

  it("goes on with the others when one redelivery is refused", async () => {
    const { octokit, redelivered } = port([[entry(2, "b", 500, 1), entry(1, "a", 500, 2)]], [1]);
    const result = await reconcile({ appOctokit: async () => octokit, knownJobIds: async () => new Set(), log, now: () => NOW });
    expect(redelivered).toEqual([2]);
    expect(result.failed).toEqual(["a"]);
  });

  it("skips entries that are not deliveries", async () => {
    const { octokit, redelivered } = port([[{ nonsense: true }, entry(1, "a", 500, 1)]]);
    await reconcile({ appOctokit: async () => octokit, knownJobIds: async () => new Set(), log, now: () => NOW });
    expect(redelivered).toEqual([1]);
  });
});
