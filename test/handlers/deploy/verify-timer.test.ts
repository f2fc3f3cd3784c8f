// Issue #12, item 11, at the handler: each verify request is one job run from its timer, in-process
// against the emulator and a local version server. A request that finds the old version sets the
// next timer (the same one when run twice); the one that finds the new version finishes the
// deploy; a rerun after that changes nothing.
import { fixedIdentity } from "../../../src/github/identity.js";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { mustRepo } from "../../emulator/seed.js";
import { commentPayload } from "../../e2e/fixtures/event-payloads.js";
import { botComments } from "../../e2e/fixtures/story.js";
import { runTimer } from "../../../src/features/timers.js";
import { decodeTimer, verifyTimer, type TimerRequest } from "../../../src/policy/timers.js";
import { startInProcess } from "./in-process.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

const owner = "acme";
const repo = "site";

let gh: Emulator;
let probot: Probot;
let server: Server;
let url = "";
let answer = "";

beforeAll(async () => {
  server = createServer((_, response) => response.end(answer));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/version`;
  // The version server is on 127.0.0.1: allowed for tests only (NODE_ENV=test, which vitest sets).
  process.env["VERIFY_ALLOW_LOOPBACK"] = "1";
  ({ gh, probot } = await startInProcess());
  const config = [
    "environments:",
    "  production:",
    '    deploy: { workflow: deploy.yml, inputs: { ref: "{sha}" } }',
    `    verify: { url: "${url}", expect: "{sha}", timeout: 10m }`,
    "",
  ].join("\n");
  gh.createRepo({ owner, repo, defaultBranch: "main", files: { ".github/release-pilot.yml": config, ...workflowsFor(config), "app.py": "" } });
  gh.setPermission(owner, repo, "alice", "write");
});

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
  await new Promise((resolve) => server.close(resolve));
});

const statuses = (id: number) =>
  [...(gh.deployments(owner, repo).find((d) => d.id === id)?.statuses ?? [])].sort((a, b) => a.id - b.id).map((s) => `${s.state} ${s.description}`);

async function postStatus(id: number, body: Record<string, string>): Promise<void> {
  await fetch(`${gh.url}/repos/${owner}/${repo}/deployments/${id}/statuses`, {
    method: "POST",
    headers: { authorization: `token ${gh.userToken("ansible")}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("a verify request run from its timer", () => {
  it("asks again later while the old version answers, and finishes the deploy once when the new one does", async () => {
    const old = gh.sha(owner, repo, "main")!;
    const sha = gh.commit(owner, repo, "main", { "app.py": "# new" }, "Change", "alice");
    const number = gh.addIssue({ owner, repo, title: "Ship it" });
    await probot.receive({
      id: "c1",
      name: "issue_comment",
      payload: commentPayload(gh, { owner, repo, number, body: "/deploy production", sender: "alice" }) as never,
    });
    const deployment = gh.deployments(owner, repo).find((d) => d.sha === sha)!;
    await postStatus(deployment.id, { state: "success" });
    await postStatus(deployment.id, { state: "in_progress", description: `Verifying ${url}` });
    const before = statuses(deployment.id);

    const scheduled: TimerRequest[] = [];
    const options = {
      dryRun: false,
      self: fixedIdentity({ login: "release-pilot[bot]" }),
      verifyMayReadLoopback: true,
      timers: { schedule: async (request: TimerRequest) => void scheduled.push(request) },
    };
    const first = verifyTimer(
      {
        kind: "verify",
        installationId: mustRepo(gh.state, owner, repo).installationId!,
        repo: { owner, repo },
        deploymentId: deployment.id,
        startedAt: Date.now(),
        answers: 0,
      },
      Date.now(),
    );
    answer = `{"sha":"${old}"}`;
    await runTimer(probot, { id: first.id, payload: first.payload }, options);
    await runTimer(probot, { id: first.id, payload: first.payload }, options);

    // Not yet: the next request's timer, the same one both times, after the first backoff.
    expect(statuses(deployment.id)).toEqual(before);
    expect(new Set(scheduled.map((request) => request.id)).size).toBe(1);
    const next = scheduled[0]!;
    expect(decodeTimer(next.payload)).toMatchObject({ kind: "verify", deploymentId: deployment.id, answers: 1 });
    expect(next.runAt - Date.now()).toBeGreaterThan(1_000);

    answer = `{"sha":"${sha}"}`;
    await runTimer(probot, { id: next.id, payload: next.payload }, options);
    await runTimer(probot, { id: next.id, payload: next.payload }, options);
    expect(statuses(deployment.id).slice(before.length)).toEqual([`success Verified ${url}`]);
    expect(botComments(gh, owner, repo, number).filter((c) => c.body.startsWith("✅ Deployed"))).toHaveLength(1);
    expect(gh.refs(owner, repo).some((r) => r.ref === "refs/heads/release-pilot/lock/production")).toBe(false);
    expect(scheduled).toHaveLength(2);
  });
});
