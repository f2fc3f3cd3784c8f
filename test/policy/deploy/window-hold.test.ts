// An automatic deploy held by a closed window: the hold's check run carries what its timer needs,
// the timer is derived from the carried-out plan, and when it fires the deploy goes ahead only if
// the branch is still at the held commit.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/policy/config/index.js";
import { decideWindowOpen, windowOpenTimers } from "../../../src/policy/deploy/window-hold.js";
import { decideDeployRequest } from "../../../src/policy/deploy/decide-deploy.js";
import { decodeTimer } from "../../../src/policy/timers.js";

const parsed = parseConfig(
  {
    environments: {
      staging: {
        follows: { branch: "main" },
        windows: { timezone: "UTC", hours: [{ days: "Mon-Fri", from: "09:00", to: "17:00" }] },
        deploy: { workflow: "deploy.yml", inputs: { sha: "{sha}" } },
      },
    },
  },
  { repo: "acme/shop" },
);
if (!parsed.ok) throw new Error("config does not parse");
const { config } = parsed;
const env = config.environments[0]!;
const repo = { owner: "acme", repo: "shop" };
const SHA = "c".repeat(40);
const push = {
  env,
  sha: SHA,
  trigger: { kind: "push", sha: SHA },
  requester: "alice",
  withMigrations: false,
  approvals: [],
  cause: "The push to main",
  defaultBranch: "main",
} as const;

describe("a push outside the window", () => {
  // 2026-12-04 is a Friday: 18:00 is after the window, which opens again on Monday at 09:00.
  const held = decideDeployRequest(config, push, { repo, now: "2026-12-04T18:00:00Z", history: {}, checkRuns: [] });

  it("is held by an in-progress check run saying until when, and nothing is deployed", () => {
    expect(held.actions.map((action) => action.kind)).toEqual(["check-run"]);
    expect(held.actions[0]).toMatchObject({
      name: "Release Pilot: deploy staging",
      status: "in_progress",
      title: "Waiting for the deploy window (2026-12-07 09:00 UTC)",
    });
  });

  it("sets a timer for the opening, which reads back as the held deploy", () => {
    const [timer] = windowOpenTimers(held.actions, 7);
    expect(timer?.runAt).toBe(Date.parse("2026-12-07T09:00:00Z"));
    expect(decodeTimer(timer?.payload)).toEqual({
      kind: "window-open",
      installationId: 7,
      repo,
      environment: "staging",
      sha: SHA,
      pusher: "alice",
      opensAt: "2026-12-07T09:00:00.000Z",
    });
  });

  it("deploys when the timer fires, but not once the branch moved on or the commit is deployed", () => {
    const timer = {
      kind: "window-open",
      installationId: 7,
      repo,
      environment: "staging",
      sha: SHA,
      pusher: "alice",
      opensAt: "2026-12-07T09:00:00.000Z",
    } as const;
    expect(decideWindowOpen(config, timer, { repo, head: SHA, deployed: false, defaultBranch: "main" })).toMatchObject({
      kind: "deploy",
      request: { sha: SHA, requester: "alice", trigger: { kind: "push", sha: SHA } },
    });
    const moved = decideWindowOpen(config, timer, { repo, head: "d".repeat(40), deployed: false, defaultBranch: "main" });
    expect(moved).toMatchObject({ kind: "settle", plan: { actions: [{ kind: "check-run", conclusion: "neutral" }] } });
    expect(decideWindowOpen(config, timer, { repo, head: SHA, deployed: true, defaultBranch: "main" })).toMatchObject({
      kind: "settle",
      plan: { reason: "already-done" },
    });
  });

  it("is deployed at once inside the window", () => {
    const open = decideDeployRequest(config, push, { repo, now: "2026-12-07T09:00:00Z", history: {}, checkRuns: [] });
    expect(open.actions.map((action) => action.kind)).toEqual(["create-deployment", "dispatch-workflow"]);
  });
});
