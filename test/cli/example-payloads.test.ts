// examples/payloads/: one webhook body per event people plan first, made from GitHub's own
// examples (@octokit/webhooks-examples) moved onto Openverse, so `release-pilot plan --help`'s
// example works as printed. This test keeps the files current and plans each with
// examples/openverse.yml: a payload that went stale, or an event that stopped being plannable,
// fails here. UPDATE_PAYLOADS=1 npx vitest run test/cli/example-payloads.test.ts rewrites them.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { run, ROOT } from "./io.js";
import { payloadFor, pushOf } from "./plan-run.js";

const OWNER = "WordPress";
const REPO = "openverse";
const SHA = "3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1a2b";
const DIR = join(ROOT, "examples/payloads");

/** A maintainer's command in a comment on issue #7, as GitHub sends it. */
function commentBy(login: string, id: number, body: string): Record<string, unknown> {
  const overrides = { comment: { id, body, user: { login, type: "User" } }, issue: { number: 7, title: "Ship the search fix", body: "", labels: [] } };
  return payloadFor("issue_comment", "created", OWNER, REPO, "main", overrides, login);
}

const PAYLOADS: Record<string, { readonly event: string; readonly payload: Record<string, unknown>; readonly expect: string }> = {
  "push.json": {
    event: "push",
    payload: pushOf(OWNER, REPO, "main", "main", SHA, ["api/api/views.py"], "zackkrida"),
    expect: "dispatch-workflow",
  },
  "release-published.json": {
    event: "release",
    payload: payloadFor("release", "published", OWNER, REPO, "main", {
      release: {
        id: 17372790,
        tag_name: "api-2024.01.01.19.52.14",
        name: "api-2024.01.01.19.52.14",
        body: "",
        target_commitish: "main",
        draft: false,
        prerelease: false,
      },
    }),
    expect: "open-pull-request",
  },
  "issue-comment-deploy.json": { event: "issue_comment", payload: commentBy("zackkrida", 42, "/deploy staging api"), expect: "create-deployment" },
  "issue-comment-status.json": { event: "issue_comment", payload: commentBy("zackkrida", 43, "/status"), expect: "comment" },
};

/** What GitHub would answer, as little as lets each example plan in full: see docs/cli.md. */
const FACTS = { now: "2024-10-21T12:00:00Z", refs: { main: SHA }, releases: [], pulls: [] };

function text(payload: unknown): string {
  return `${JSON.stringify(payload, null, 2)}\n`;
}

if (process.env.UPDATE_PAYLOADS === "1") {
  mkdirSync(DIR, { recursive: true });
  for (const [file, { payload }] of Object.entries(PAYLOADS)) writeFileSync(join(DIR, file), text(payload));
  writeFileSync(join(DIR, "facts.json"), text(FACTS));
}

describe("examples/payloads", () => {
  it.each(Object.entries(PAYLOADS))("%s is current with GitHub's example payloads", (file, { payload }) => {
    expect(existsSync(join(DIR, file))).toBe(true);
    expect(readFileSync(join(DIR, file), "utf8")).toBe(text(payload));
  });

  it("facts.json is current", () => {
    expect(readFileSync(join(DIR, "facts.json"), "utf8")).toBe(text(FACTS));
  });

  it.each(Object.entries(PAYLOADS))("%s plans in full with examples/openverse.yml and facts.json", async (file, { event, expect: kind }) => {
    const args = ["--payload", `examples/payloads/${file}`, "--config", "examples/openverse.yml", "--facts", "examples/payloads/facts.json", "--json"];
    const result = await run(["plan", "--event", event, ...args]);
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const report = JSON.parse(result.stdout) as { parts: { plan?: { actions: { kind: string }[] }; notPlanned?: string }[] };
    expect(report.parts.filter((part) => part.notPlanned !== undefined)).toEqual([]);
    expect(report.parts.flatMap((part) => part.plan?.actions ?? []).map((action) => action.kind)).toContain(kind);
  });
});
