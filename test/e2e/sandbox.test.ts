// The README's first command must keep working on a fresh clone: the sandbox plays Openverse's
// process and tells what the bot did.
import { describe, expect, it } from "vitest";
import { runSandbox } from "../../sandbox/run.js";

describe("npm run sandbox", () => {
  it("shows the bot drafting notes, deploying staging, opening the changelog PR, deploying production and rolling back", async () => {
    const lines: string[] = [];
    const violations = await runSandbox((line) => lines.push(line));
    const text = lines.join("\n");
    expect(violations).toEqual([]);
    expect(text).toContain("drafted release notes as api-");
    expect(text).toMatch(/dispatched workflow deploy-staging\.yml .* with app=api, tag=[0-9a-f]{40}/);
    expect(text).toContain('opened pull request #3 "Publish changelog for api-2024.01.01.19.52.14"');
    expect(text).toContain(
      "sent repository_dispatch deploy_production_api to WordPress/openverse-infrastructure with actor=zackkrida, tag=rel-2024.01.01.19.52.14",
    );
    expect(text).toContain("→ the same release.published delivered again\n  nothing new (0 writes to GitHub)");
    expect(text).toMatch(/rollback production api" in an issue\n(.*\n)*.*tag=rel-2024\.01\.01\.19\.52\.14/);
  }, 180_000);
});
