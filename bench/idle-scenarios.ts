// Idle events on repeat (issue #19 item 3): events GitHub sends that change nothing, measured
// the second time they come, when the config read each one makes is a conditional request
// answered 304, which costs no rate limit (src/github/etag-cache.ts). Each reuses one repository
// across runs (unlike bench/scenarios.ts) and is warmed with one unmeasured delivery first.
import { readFileSync } from "node:fs";
import type { Emulator } from "../test/emulator/index.js";
import { workflowsFor } from "../test/emulator/workflow-files.js";
import { commentPayload, pushPayload } from "../test/e2e/fixtures/event-payloads.js";
import { completeCheckRun } from "../test/e2e/fixtures/story-steps.js";
import type { Scenario } from "./scenarios.js";

const OWNER = "WordPress";
const CONFIG = readFileSync("examples/openverse.yml", "utf8");

function idleRepo(gh: Emulator, repo: string): void {
  if (gh.state.repo(OWNER, repo)) return;
  gh.createRepo({ owner: OWNER, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) } });
}

const WHY = "1 config read, and on repeat it is a conditional request GitHub answers 304, which costs 0 rate-limit points";

export function idleScenarios(): readonly Scenario[] {
  return [
    {
      name: "idle repeat: a check run no environment names (Openverse)",
      minimum: 1,
      minimumWhy: `${WHY}; what the check run is named comes from the payload.`,
      warm: true,
      setup: (gh) => {
        const repo = "idle-check-run";
        idleRepo(gh, repo);
        const sha = gh.sha(OWNER, repo, "main") ?? "";
        const payload = completeCheckRun(gh, OWNER, repo, gh.addCheckRun(OWNER, repo, sha, "lint", null), "success");
        return { event: "check_run", payload, owner: OWNER, repo, done: () => true };
      },
    },
    {
      name: "idle repeat: a push to a branch nothing follows (Openverse)",
      minimum: 1,
      minimumWhy: `${WHY}; the branch comes from the payload.`,
      warm: true,
      setup: (gh) => {
        const repo = "idle-push";
        idleRepo(gh, repo);
        gh.commit(OWNER, repo, "feature/search", { "api/search.py": `n = ${gh.calls.length}\n` }, "Work in progress");
        return { event: "push", payload: pushPayload(gh, { owner: OWNER, repo, ref: "feature/search" }), owner: OWNER, repo, done: () => true };
      },
    },
    {
      name: "idle repeat: a comment that is no command (Openverse)",
      minimum: 1,
      minimumWhy: `${WHY}; that the comment is no command comes from its text.`,
      warm: true,
      setup: (gh) => {
        const repo = "idle-comment";
        idleRepo(gh, repo);
        const number = gh.issues(OWNER, repo)[0]?.number ?? gh.addIssue({ owner: OWNER, repo, title: "Slow search" });
        const payload = commentPayload(gh, { owner: OWNER, repo, number, body: "Thanks, looking into it." });
        return { event: "issue_comment", payload, owner: OWNER, repo, done: () => true };
      },
    },
  ];
}
