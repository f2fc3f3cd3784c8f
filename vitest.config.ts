import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // The fuzz suites run 10,000 cases each and take about 15 s alone; on a loaded two-core
    // machine that doubled past 30 s. Their CPU-time budget per case is the real bound (budget.ts).
    testTimeout: 90_000,
    hookTimeout: 60_000,
    // e2e suites start child processes; two cores are all CI has.
    maxWorkers: 2,
  },
});
