import { describe, expect, it } from "vitest";
import { planDeploy } from "../../../src/policy/deploy/plan-deploy.js";
import { deployKey } from "../../../src/policy/deploy/deploy-key.js";
import { NOW, SHA, deployFacts, environment } from "./builders.js";

const KEY = `deploy:production:${SHA}:comment-42`;

describe("deployKey", () => {
  it.each([
    [{ env: "production", sha: SHA, trigger: { kind: "comment" as const, id: 42 } }, KEY],
    [{ env: "production", app: "api", sha: SHA, trigger: { kind: "release" as const, id: 9 } }, `deploy:production/api:${SHA}:release-9`],
  ])("builds %j into %s", (parts, key) => {
    expect(deployKey(parts)).toBe(key);
  });
});

describe("planDeploy", () => {
  it("locks, records the deployment, dispatches the workflow and answers, in that order", () => {
    const result = planDeploy(deployFacts({ target: { sha: SHA, imageTag: "rel-1" } }));
    expect(result.reason).toBe("planned");
    expect(result.actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow", "comment"]);
    expect(result.actions[0]).toEqual({
      kind: "acquire-lock",
      key: `lock:production:${KEY}`,
      repo: { owner: "org", repo: "app" },
      environment: "production",
      holder: "alice",
      reason: "deploying `1c1f6ab` (image `rel-1`)",
      expiresAt: "2026-11-23T11:00:00.000Z",
      now: NOW,
      commit: SHA,
      deploymentKey: KEY,
    });
    expect(result.actions[1]).toMatchObject({
      kind: "create-deployment",
      key: KEY,
      environment: "production",
      ref: SHA,
      payload: { image_tag: "rel-1", requested_by: "alice", issue_number: 7, release_pilot_key: KEY },
    });
    expect(result.actions[2]).toEqual({
      kind: "dispatch-workflow",
      key: `dispatch:${KEY}`,
      repo: { owner: "org", repo: "infra" },
      workflow: "deploy.yml",
      ref: "main",
      inputs: { tag: SHA, actor: "alice" },
      deploymentKey: KEY,
    });
    expect(result.actions[3]).toMatchObject({ kind: "comment", key: `deploy-reply:${KEY}`, issueNumber: 7, editable: true });
  });

  it("plans the same keys for a redelivery of the same request", () => {
    const keys = () => planDeploy(deployFacts()).actions.map((action) => action.key);
    expect(keys()).toEqual(keys());
  });

  it.each([
    ["another comment", { trigger: { kind: "comment" as const, id: 43 } }],
    ["another commit", { target: { sha: "f".repeat(40) } }],
    ["another app", { app: "api" }],
    ["another environment", { env: environment({ name: "staging" }) }],
  ])("plans a different deployment key for %s", (_name, overrides) => {
    expect(planDeploy(deployFacts(overrides)).actions[1]?.key).not.toBe(KEY);
  });

  it("dispatches a repository event to another repository", () => {
    const result = planDeploy(
      deployFacts({ dispatch: { kind: "repository", repo: { owner: "org", repo: "infra" }, eventType: "deploy-production", payload: { tag: "rel-1" } } }),
    );
    expect(result.actions[2]).toEqual({
      kind: "dispatch-repository-event",
      key: `dispatch:${KEY}`,
      repo: { owner: "org", repo: "infra" },
      eventType: "deploy-production",
      clientPayload: { tag: "rel-1" },
      deploymentKey: KEY,
    });
  });

  it("locks only the app when an app is deployed", () => {
    expect(planDeploy(deployFacts({ app: "api" })).actions[0]).toMatchObject({
      environment: "production@api",
      key: `lock:production@api:deploy:production/api:${SHA}:comment-42`,
    });
  });

  it("says so in the deployment when migrations will run", () => {
    const result = planDeploy(deployFacts({ withMigrations: true }));
    expect(result.actions[1]).toMatchObject({ payload: { with_migrations: true } });
    expect(result.summary).toBe("Deploy `1c1f6ab` to production with migrations for alice.");
  });

  it("keeps the release in the deployment, so its success can carry it to the next environment", () => {
    const result = planDeploy(deployFacts({ trigger: { kind: "release", id: 9 }, release: { id: 9, tag: "v1.2.0", prerelease: false } }));
    expect(result.actions[1]).toMatchObject({ kind: "create-deployment", payload: { release_id: 9, release_tag: "v1.2.0", prerelease: false } });
    expect(planDeploy(deployFacts({})).actions[1]).not.toHaveProperty("payload.release_tag");
  });

  it("answers no issue when a push or release asked", () => {
    const { issueNumber: _, ...facts } = deployFacts({ trigger: { kind: "push", sha: "abc" } });
    expect(planDeploy(facts).actions.map((action) => action.kind)).toEqual(["acquire-lock", "create-deployment", "dispatch-workflow"]);
  });

  it("takes no lock where deploys are not queued", () => {
    expect(planDeploy(deployFacts({ env: environment({ queue: false }) })).actions.map((action) => action.kind)).toEqual([
      "create-deployment",
      "dispatch-workflow",
      "comment",
    ]);
  });

  it("takes no second lock when the requester deploys under their own /lock", () => {
    const lock = { holder: "alice", reason: "hotfix", expiresAt: "2026-11-23T12:00:00.000Z" };
    expect(planDeploy(deployFacts({ lock })).actions[0]?.kind).toBe("create-deployment");
  });

  it("refuses a failed gate with a comment and nothing else", () => {
    const result = planDeploy(deployFacts({ env: environment({ approvals: 1 }) }));
    expect(result.reason).toBe("gate-refused");
    expect(result.summary).toMatch(/^production needs 1 approval/);
    expect(result.actions).toEqual([
      {
        kind: "comment",
        key: `deploy-reply:${KEY}`,
        repo: { owner: "org", repo: "app" },
        issueNumber: 7,
        body: `🚫 Not deploying: ${result.summary}`,
        editable: true,
      },
    ]);
  });

  it("refuses a locked environment with the reason `locked`", () => {
    const lock = { holder: "bob", reason: "freeze", expiresAt: "2026-11-23T12:00:00.000Z" };
    expect(planDeploy(deployFacts({ lock })).reason).toBe("locked");
  });

  it("refuses with no action when no issue asked", () => {
    const { issueNumber: _, ...facts } = deployFacts({ env: environment({ checks: ["tests"] }) });
    expect(planDeploy(facts)).toEqual({
      reason: "gate-refused",
      summary: "the tests check has not run on 1c1f6ab; run it, then deploy again.",
      actions: [],
    });
  });
});
