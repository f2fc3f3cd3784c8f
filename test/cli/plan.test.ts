import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { examplePayload } from "../e2e/fixtures/payloads.js";
import { run } from "./io.js";

const TAG = "api-2024.01.01.19.52.14";
// A real release.published example from @octokit/webhooks-examples, moved onto WordPress/openverse.
const PAYLOAD = "test/cli/fixtures/release-published.json";
const CONFIG = "examples/openverse.yml";

function tempJson(name: string, value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-plan-")), name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

describe("release-pilot plan", () => {
  it("prints each feature's plan under its name, then the defaults it assumed", async () => {
    const result = await run(["plan", "--event", "release", "--payload", PAYLOAD, "--config", CONFIG]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines.slice(0, 2)).toEqual([
      "changelogForRelease:",
      `  Open a pull request adding documentation/changelogs/api/2024.01.01.19.52.14.md for ${TAG}. (planned)`,
    ]);
    expect(lines[2]).toContain(`  - open-pull-request [changelog:${TAG}] WordPress/openverse:`);
    expect(lines[2]).toContain(`title="Publish changelog for ${TAG}"`);
    expect(lines).toContain("deployFollowingRelease:");
    expect(lines).toContain("refreshDashboard:");
    expect(lines.slice(lines.indexOf("Assumed:"))).toEqual([
      "Assumed:",
      "- now: the current time",
      `- sha: the tag ${TAG} names master (the release's target_commitish)`,
      "- locks: production is not locked",
      "- locks: production is not frozen (/freeze)",
      "",
    ]);
  });

  it("prints the parts and the assumptions as JSON with --json", async () => {
    const result = await run(["plan", "--event", "release.published", "--payload", PAYLOAD, "--config", CONFIG, "--json"]);
    const report = JSON.parse(result.stdout) as {
      event: string;
      parts: { feature: string; plan: { actions: { kind: string; branch?: string; files?: { content: string }[] }[] } }[];
      assumed: string[];
    };
    expect(report.event).toBe("release.published");
    expect(report.parts.map((part) => part.feature)).toEqual([
      "changelogForRelease",
      "deployFollowingRelease",
      "downstreamPins",
      "closeChecklist",
      "movePointers",
      "refreshDashboard",
    ]);
    const [changelog] = report.parts[0]?.plan.actions ?? [];
    expect(changelog).toMatchObject({ kind: "open-pull-request", branch: `changelog/${TAG}`, base: "main" });
    expect(changelog?.files?.[0]?.content).toMatch(/^# 2024\.01\.01\.19\.52\.14\n\n## New Features/);
    expect(report.assumed).toContain("now: the current time");
  });

  it("takes the time and the tag's commit from --facts and then assumes nothing about them", async () => {
    const facts = tempJson("facts.json", { now: "2024-10-21T12:00:00Z", sha: "c".repeat(40), locks: {} });
    const result = await run(["plan", "--event", "release", "--payload", PAYLOAD, "--config", CONFIG, "--facts", facts]);
    expect(result.stdout).toContain("Assumed: nothing; every fact was given.");
    expect(result.stdout).toContain(`- create-deployment [deploy:production/api:${"c".repeat(40)}:release-`);
  });

  it("rejects a facts file with a key it does not know, naming it", async () => {
    const facts = tempJson("facts.json", { deploymnets: {} });
    const result = await run(["plan", "--event", "release", "--payload", PAYLOAD, "--config", CONFIG, "--facts", facts]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("is not a facts file");
    expect(result.stderr).toContain("deploymnets");
  });

  it("says an action the bot does not act on sets nothing off", async () => {
    const payload = examplePayload("issues", "labeled", { owner: "WordPress", repo: "openverse" });
    const result = await run(["plan", "--event", "issues", "--payload", tempJson("issue.json", payload), "--config", CONFIG]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("issues.labeled sets nothing off; the bot acts on opened and edited. (event-not-relevant)");
  });

  it("says which events it can plan: every event the app registers", async () => {
    const result = await run(["plan", "--event", "star", "--payload", PAYLOAD, "--config", CONFIG]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      "planning star offline is not supported; supported events: release, push, issue_comment, deployment_status, workflow_run, check_run, status, issues, pull_request, timer.",
    );
  });
});
