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
  it("plans Openverse's changelog PR for a published api release, as the e2e test sees it done", async () => {
    const result = await run(["plan", "--event", "release", "--payload", PAYLOAD, "--config", CONFIG]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const [summary, action] = result.stdout.split("\n");
    expect(summary).toBe(`Open a pull request adding documentation/changelogs/api/2024.01.01.19.52.14.md for ${TAG}. (planned)`);
    expect(action).toContain(`- open-pull-request [changelog:${TAG}] WordPress/openverse:`);
    expect(action).toContain(`branch="changelog/${TAG}"`);
    expect(action).toContain(`title="Publish changelog for ${TAG}"`);
    expect(action).toContain("files=[documentation/changelogs/api/2024.01.01.19.52.14.md]");
  });

  it("prints the plan as JSON with --json", async () => {
    const result = await run(["plan", "--event", "release.published", "--payload", PAYLOAD, "--config", CONFIG, "--json"]);
    const plan = JSON.parse(result.stdout) as { actions: { kind: string; branch: string; files: { path: string; content: string }[] }[] };
    expect(plan.actions).toHaveLength(1);
    expect(plan.actions[0]).toMatchObject({ kind: "open-pull-request", branch: `changelog/${TAG}`, base: "main" });
    expect(plan.actions[0]?.files[0]?.content).toMatch(/^# 2024\.01\.01\.19\.52\.14\n\n## New Features/);
  });

  it("shows the parsed command and the intake decision of a comment", async () => {
    const payload = examplePayload("issue_comment", "created", { owner: "WordPress", repo: "openverse", overrides: { comment: { id: 42, body: "/deploy staging" } } });
    const result = await run(["plan", "--event", "issue_comment", "--payload", tempJson("comment.json", payload), "--config", CONFIG]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Command: {"name":"deploy","environment":"staging","withMigrations":false}');
    expect(result.stdout).toContain("Run /deploy: acknowledge");
    expect(result.stdout).toContain("- react [eyes:42]");
  });

  it("shows the refusal a commenter without permission gets", async () => {
    const payload = examplePayload("issue_comment", "created", { owner: "WordPress", repo: "openverse", overrides: { comment: { id: 43, body: "/deploy production" } } });
    const facts = tempJson("facts.json", { permission: "read" });
    const result = await run(["plan", "--event", "issue_comment", "--payload", tempJson("comment.json", payload), "--config", CONFIG, "--facts", facts]);
    expect(result.stdout).toContain("only people with write access to this repository can run commands; you have read.");
  });

  it("says which events it cannot plan yet", async () => {
    const result = await run(["plan", "--event", "push", "--payload", PAYLOAD, "--config", CONFIG]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("planning push offline is not supported yet; supported events: release (published), issue_comment.");
  });
});
