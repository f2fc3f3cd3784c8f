// `queue: true`: a deploy held only by another running deploy waits as a pending deployment and
// starts when that one finishes; the newest waiting one starts, older ones are superseded.
import { describe, expect, it } from "vitest";
import { planDeploy } from "../../../src/policy/deploy/plan-deploy.js";
import { planStartQueued, type QueuedDeployment } from "../../../src/policy/deploy/queue.js";
import { deployFacts, environment, NOW, OLD_SHA, SHA } from "./builders.js";

const running = { holder: "bob", reason: "deploying", expiresAt: "2026-11-23T11:00:00.000Z", deploymentKey: `deploy:production:${OLD_SHA}:push-${OLD_SHA}` };

describe("planDeploy with a queue", () => {
  it("records a waiting deployment carrying its dispatch instead of refusing", () => {
    const result = planDeploy(deployFacts({ lock: running }));
    expect(result.actions.map((action) => action.kind)).toEqual(["create-deployment", "comment"]);
    const [deployment, reply] = result.actions;
    expect(deployment).toMatchObject({
      kind: "create-deployment",
      ref: SHA,
      payload: {
        queued_behind: running.deploymentKey,
        requested_by: "alice",
        issue_number: 7,
        lock_ms: 3_600_000,
        dispatch: expect.stringContaining('"workflow":"deploy.yml"'),
      },
    });
    expect(reply).toMatchObject({ kind: "comment", body: expect.stringContaining("⏳ Queued `1c1f6ab` for **production**: bob's deploy is running there") });
  });

  it("still refuses what another gate refuses, and waits for no person's /lock", () => {
    expect(planDeploy(deployFacts({ lock: running, env: environment({ approvals: 1 }) })).reason).toBe("gate-refused");
    const personal = { holder: "bob", reason: "freeze", expiresAt: "2026-11-23T11:00:00.000Z" };
    expect(planDeploy(deployFacts({ lock: personal })).reason).toBe("locked");
  });

  it("does not queue a second deploy of the commit being deployed", () => {
    expect(planDeploy(deployFacts({ lock: running, target: { sha: OLD_SHA } })).reason).toBe("locked");
  });

  it("goes ahead at once without a queue, and when the running deploy's lock expired", () => {
    expect(planDeploy(deployFacts({ lock: running, env: environment({ queue: false }) })).actions.map((a) => a.kind)).toContain("dispatch-workflow");
    expect(planDeploy(deployFacts({ lock: { ...running, expiresAt: "2026-11-23T09:00:00.000Z" } })).actions.map((a) => a.kind)).toContain("dispatch-workflow");
  });
});

describe("planStartQueued", () => {
  const queuedPlan = planDeploy(deployFacts({ lock: running }));
  const payload = (queuedPlan.actions[0] as { payload: Record<string, unknown> }).payload;
  const waiting = (id: number, sha: string, createdAt: string): QueuedDeployment => ({
    id,
    sha,
    createdAt,
    environment: "production",
    payload: { ...payload, release_pilot_key: `deploy:production:${sha}:comment-${id}` },
  });

  it("starts the newest waiting deploy on its own deployment and supersedes the older", () => {
    const result = planStartQueued({
      repo: { owner: "org", repo: "app" },
      now: NOW,
      waiting: [waiting(1, OLD_SHA, "2026-11-23T09:00:00Z"), waiting(2, SHA, "2026-11-23T09:30:00Z")],
    });
    expect(result.actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow", "comment", "set-deployment-status"]);
    expect(result.actions[0]).toMatchObject({ environment: "production", holder: "alice", commit: SHA, expiresAt: "2026-11-23T11:00:00.000Z" });
    expect(result.actions[1]).toMatchObject({ key: `deploy:production:${SHA}:comment-2`, ref: SHA });
    expect(result.actions[2]).toMatchObject({
      workflow: "deploy.yml",
      inputs: { tag: SHA, actor: "alice" },
      deploymentKey: `deploy:production:${SHA}:comment-2`,
    });
    expect(result.actions[3]).toMatchObject({
      issueNumber: 7,
      key: `deploy-reply:deploy:production:${SHA}:comment-2`,
      body: expect.stringContaining("(it was queued)"),
    });
    expect(result.actions[4]).toMatchObject({ deploymentId: 1, state: "inactive", description: "Superseded by the newer queued deploy of 1c1f6ab" });
  });

  it("plans nothing when nothing waits, or when the waiting payload is not this bot's", () => {
    expect(planStartQueued({ repo: { owner: "org", repo: "app" }, now: NOW, waiting: [] }).actions).toEqual([]);
    const foreign: QueuedDeployment = { id: 3, sha: SHA, createdAt: NOW, environment: "production", payload: { queued_behind: "x" } };
    expect(planStartQueued({ repo: { owner: "org", repo: "app" }, now: NOW, waiting: [foreign] }).actions).toEqual([]);
  });
});
