// A 202 is a promise that the delivery survives a crash, also when many deliveries come at once
// and share one commit: the app is killed (SIGKILL, no goodbye) while a burst is still arriving,
// and every delivery it had answered 202 is in the job store the next process opens.
import { randomUUID } from "node:crypto";
import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { startEmulator } from "../emulator/index.js";
import { makeSecrets, startRuntimeApp, storedJobs, tempDataDir } from "./support/e2e.js";

const dataDir = tempDataDir();
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("a burst of deliveries cut short by SIGKILL", () => {
  it("keeps every delivery that was answered 202", async () => {
    const gh = await startEmulator();
    try {
      gh.createRepo({ owner: "acme", repo: "plain", files: { "README.md": "no config here" } });
      const app = await startRuntimeApp(gh, makeSecrets(), { dataDir });
      const payload = { zen: "Keep it logically awesome.", hook_id: 1, repository: { full_name: "acme/plain", name: "plain", owner: { login: "acme" } } };
      const ids = Array.from({ length: 60 }, () => randomUUID());
      const answered: string[] = [];
      let killed: Promise<unknown> | undefined;
      const sends = ids.map(async (deliveryId) => {
        const result = await app.deliver("ping", payload, { deliveryId }).catch(() => undefined);
        if (result?.status === 202) answered.push(deliveryId);
        // Killed mid-burst: some deliveries are answered, others are still in the batch or unread.
        if (answered.length === 20) killed ??= app.kill();
      });
      await Promise.all(sends);
      await killed;

      expect(answered.length).toBeGreaterThanOrEqual(20);
      const stored = new Set(storedJobs(dataDir).map((job) => job.id));
      expect(answered.filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await gh.close();
    }
  }, 60_000);
});
