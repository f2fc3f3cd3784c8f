// `release-pilot plan` plans a backport offline, from a real pull_request.closed example payload,
// the config and the cherry-pick written down as facts: the same feature the app runs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { examplePayload } from "../e2e/fixtures/payloads.js";
import { run } from "./io.js";

function temp(name: string, text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-plan-")), name);
  writeFileSync(file, text);
  return file;
}

const SHA = "d".repeat(40);

function mergedPayload(): string {
  const payload = examplePayload("pull_request", "closed", { owner: "acme", repo: "widget" });
  const pull = payload["pull_request"] as Record<string, unknown>;
  Object.assign(pull, { number: 12, title: "Fix the retry", merged: true, merge_commit_sha: SHA, labels: [{ id: 1, name: "backport release-1.4" }] });
  return temp("payload.json", JSON.stringify({ ...payload, number: 12 }));
}

const CONFIG = temp(".release-pilot.yml", 'release_branch: "release-{version}"\nbackports: {}\n');

describe("release-pilot plan for a merged pull request labelled for a backport", () => {
  it("plans the cherry-pick pull request from the facts file's pick", async () => {
    const facts = temp(
      "facts.json",
      JSON.stringify({
        backport: {
          pick: {
            kind: "files",
            branchHead: "e".repeat(40),
            parent: "f".repeat(40),
            files: [{ path: "retry.py", base: null, picked: "b1", target: null, content: "fixed\n" }],
          },
        },
      }),
    );
    const result = await run(["plan", "--event", "pull_request.closed", "--payload", mergedPayload(), "--config", CONFIG, "--facts", facts, "--json"]);
    expect(result.stderr).toBe("");
    const report = JSON.parse(result.stdout) as { parts: { feature: string; plan?: { actions: Record<string, unknown>[] } }[] };
    const [part] = report.parts;
    expect(part?.feature).toBe("backportOnMerge");
    expect(part?.plan?.actions[0]).toMatchObject({
      kind: "open-pull-request",
      branch: "backport/12-to-release-1.4",
      base: "release-1.4",
      title: "[release-1.4] Fix the retry",
      files: [{ path: "retry.py", content: "fixed\n" }],
    });
  });

  it("says what to give when the facts file has no pick, rather than guessing", async () => {
    const result = await run(["plan", "--event", "pull_request.closed", "--payload", mergedPayload(), "--config", CONFIG, "--json"]);
    expect(result.stdout).toContain("backport.pick");
  });
});
