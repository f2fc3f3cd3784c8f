// A push whose environment requires a commit status (Jenkins reports through the Statuses API,
// not as a check run), then `status` events: the real app in-process against the emulator. The
// push holds the deploy; a pending status changes nothing, a failed one fails the hold, and a
// success deploys it as the pusher, with statuses and check runs required together.
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { mustRepo } from "../../emulator/seed.js";
import { pushPayload } from "../../e2e/fixtures/event-payloads.js";
import { deploymentsOf } from "../../e2e/fixtures/story.js";
import { completeCheckRun, reportStatus } from "../../e2e/fixtures/story-steps.js";
import { startInProcess } from "./in-process.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const owner = "acme";
const config = (checks: string) =>
  [
    "environments:",
    "  staging:",
    "    follows: { branch: staging }",
    `    checks: [${checks}]`,
    '    deploy: { workflow: deploy.yml, inputs: { environment: staging, ref: "{sha}" } }',
    "",
  ].join("\n");

let gh: Emulator;
let probot: Probot;
let delivery = 0;

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

function repository(repo: string, checks = "ci/jenkins"): void {
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": config(checks), ...workflowsFor(config(checks)) } });
  gh.createBranch(owner, repo, "staging", "main");
  gh.setPermission(owner, repo, "fershad", "write");
}

async function receive(name: "push" | "status" | "check_run", payload: Record<string, unknown>): Promise<void> {
  await probot.receive({ id: `s${(delivery += 1)}`, name, payload: payload as never });
}

async function push(repo: string): Promise<string> {
  const sha = gh.commit(owner, repo, "staging", { "app.py": `# ${delivery}\n` }, "Change", "fershad");
  await receive("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
  return sha;
}

const held = (repo: string, sha: string) =>
  mustRepo(gh.state, owner, repo)
    .checkRuns.filter((run) => run.head_sha === sha && run.name === "Release Pilot: deploy staging")
    .map((run) => [run.status, run.conclusion, run.output.title]);

describe("a deploy held for a commit status", { timeout: 60_000 }, () => {
  it("waits on a pending status, fails the hold on failure, and deploys as the pusher when the status succeeds", async () => {
    const repo = "jenkins";
    repository(repo);
    const sha = await push(repo);
    expect(held(repo, sha)).toEqual([["in_progress", null, "Waiting for checks: ci/jenkins"]]);

    await receive("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "pending"));
    expect(held(repo, sha)).toEqual([["in_progress", null, "Waiting for checks: ci/jenkins"]]);

    await receive("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "failure"));
    expect(held(repo, sha)).toEqual([["completed", "failure", "Not deployed to staging"]]);
    expect(mustRepo(gh.state, owner, repo).checkRuns.find((run) => run.head_sha === sha)?.output.summary).toContain("the ci/jenkins status ended failure");
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);

    // Jenkins is run again and passes: the same context's newest status is what counts.
    await receive("status", await reportStatus(gh, owner, repo, sha, "ci/jenkins", "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([
      expect.objectContaining({ sha, payload: expect.objectContaining({ requested_by: "fershad" }) }),
    ]);
    expect(held(repo, sha)).toEqual([["completed", "success", "Deploying to staging"]]);
  });

  it("waits for the check run as well when the environment requires both, whichever finishes last", async () => {
    const repo = "both";
    repository(repo, "tests, ci/jenkins");
    const sha = gh.commit(owner, repo, "staging", { "app.py": "# both\n" }, "Change", "fershad");
    const tests = gh.addCheckRun(owner, repo, sha, "tests", null);
    await receive("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    await receive("status", await reportStatus(gh, owner, repo, sha, "CI/Jenkins", "success"));
    expect(deploymentsOf(gh, owner, repo, "staging")).toEqual([]);
    expect(held(repo, sha)).toEqual([["in_progress", null, "Waiting for checks: tests, ci/jenkins"]]);
    await receive("check_run", completeCheckRun(gh, owner, repo, tests, "success"));
    expect(deploymentsOf(gh, owner, repo, "staging").map((deployment) => deployment.sha)).toEqual([sha]);
  });

  it("deploys at the push when the status has already passed, and ignores statuses no environment requires", async () => {
    const repo = "ready";
    repository(repo);
    const sha = gh.commit(owner, repo, "staging", { "app.py": "# ready\n" }, "Change", "fershad");
    gh.addCommitStatus(owner, repo, sha, "ci/jenkins", "success");
    await receive("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    expect(deploymentsOf(gh, owner, repo, "staging").map((deployment) => deployment.sha)).toEqual([sha]);
    gh.resetCalls();
    await receive("status", await reportStatus(gh, owner, repo, sha, "codecov/patch", "failure", "codecov"));
    // Nothing read beyond the config: the status concerns no environment.
    expect(gh.calls.filter((call) => call.route.includes("/status") || call.route.includes("check-runs"))).toEqual([
      expect.objectContaining({ method: "POST", route: "/repos/{owner}/{repo}/statuses/{sha}" }),
    ]);
    expect(deploymentsOf(gh, owner, repo, "staging")).toHaveLength(1);
  });
});
