// The README's first command must keep working on a fresh clone: the sandbox plays Openverse's
// process and tells what the bot did.
import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runSandbox } from "../../sandbox/run.js";

/**
 * The page as headless Chromium leaves it once its scripts ran (Debian's `chromium`, which
 * .ci/run installs): `--dump-dom` prints the DOM after the virtual time budget, so the page's
 * own script has marked whether Markdown and Mermaid rendered.
 */
async function renderedDom(page: string): Promise<string> {
  const { stdout } = await promisify(execFile)(
    "chromium",
    ["--headless", "--no-sandbox", "--disable-gpu", "--allow-file-access-from-files", "--virtual-time-budget=15000", "--dump-dom", pathToFileURL(page).href],
    { timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
  );
  return stdout;
}

describe("npm run sandbox", () => {
  it("shows the bot drafting notes, deploying staging, opening the changelog PR, deploying production and rolling back", async () => {
    const lines: string[] = [];
    const { violations, page } = await runSandbox((line) => lines.push(line), mkdtempSync(join(tmpdir(), "release-pilot-sandbox-test-")));
    const text = lines.join("\n");
    expect(violations).toEqual([]);
    expect(text).toContain("drafted release notes as api-");
    expect(text).toMatch(/dispatched workflow deploy-staging\.yml .* with app=api, tag=[0-9a-f]{40}/);
    expect(text).toMatch(/opened pull request #\d+ "Publish changelog for api-2024\.01\.01\.19\.52\.14"/);
    expect(text).toContain(
      "sent repository_dispatch deploy_production_api to WordPress/openverse-infrastructure with actor=zackkrida, tag=rel-2024.01.01.19.52.14",
    );
    expect(text).toContain("→ the same release.published delivered again\n  nothing new (0 writes to GitHub)");
    expect(text).toMatch(/rollback production api" in an issue\n(.*\n)*.*tag=rel-2024\.01\.01\.19\.52\.14/);
    expect(text).toContain(`What people will see on GitHub, as a page: ${page}`);

    // The page renders in a real browser: the bot's Markdown as HTML, the dashboard's Mermaid
    // chart drawn as SVG, and not one script error.
    const dom = await renderedDom(page);
    expect(/<body[^>]*data-errors="([^"]*)"/.exec(dom)?.[1]).toBe("");
    expect(dom).toMatch(/<body[^>]*data-rendered="ok"/);
    expect(Number(/<body[^>]*data-mermaid="(\d+)"/.exec(dom)?.[1])).toBeGreaterThan(0);
    expect(dom).toContain("<h3>#");
    expect(dom).toContain("Release Dashboard");
    expect(dom).toMatch(/<table>[\s\S]*<th>/);
  }, 240_000);
});
