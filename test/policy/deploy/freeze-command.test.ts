// /freeze and /unfreeze: a lock of its own scope that only automatic deploys read, so people still
// deploy while a push's deploy waits for it to end.
import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/policy/config/index.js";
import { decideDeployRequest } from "../../../src/policy/deploy/decide-deploy.js";
import { decideFreeze, decideUnfreeze, freezeScope } from "../../../src/policy/deploy/freeze-command.js";
import type { Action } from "../../../src/policy/plan.js";

const parsed = parseConfig(
  { environments: { staging: { follows: { branch: "main" }, deploy: { workflow: "deploy.yml", inputs: { sha: "{sha}" } } } } },
  { repo: "acme/shop" },
);
if (!parsed.ok) throw new Error("config does not parse");
const { config } = parsed;
const repo = { owner: "acme", repo: "shop" };
const NOW = "2026-12-03T12:00:00Z";
const SHA = "c".repeat(40);
const reply = (body: string): Action => ({ kind: "comment", key: "reply:42", repo, issueNumber: 7, body, editable: true });
const facts = { repo, holder: "alice", commentId: 42, now: NOW, commit: SHA, defaultBranch: "main", held: undefined };
const freeze = { holder: "alice", reason: "release week", expiresAt: "2026-12-03T14:00:00.000Z" };

describe("/freeze", () => {
  it("takes the environment's freeze scope, not its lock, for the duration asked", () => {
    const decided = decideFreeze(config, { environment: "staging", reason: "release week", durationMs: 7_200_000 }, facts, reply);
    expect("actions" in decided && decided.actions).toMatchObject([
      { kind: "acquire-lock", environment: "staging+freeze", holder: "alice", reason: "release week", expiresAt: "2026-12-03T14:00:00.000Z" },
      { kind: "comment", body: expect.stringContaining("automatic deploys wait and start when it ends; people can still deploy") },
    ]);
    expect(freezeScope("staging")).toBe("staging+freeze");
  });

  it("says whose freeze it is rather than replacing one that holds", () => {
    const decided = decideFreeze(config, { environment: "staging", reason: "again" }, { ...facts, holder: "bob", commentId: 43, held: freeze }, reply);
    expect("actions" in decided && decided.actions).toMatchObject([
      { kind: "comment", body: expect.stringContaining("staging is already frozen by alice (release week)") },
    ]);
  });

  it("/unfreeze frees the freeze scope only", () => {
    expect(decideUnfreeze(config, { environment: "staging" }, { repo, commentId: 44, held: freeze, now: NOW }, reply).actions[0]).toMatchObject({
      kind: "release-lock",
      environment: "staging+freeze",
    });
  });
});

describe("a push while frozen", () => {
  const push = {
    env: config.environments[0]!,
    sha: SHA,
    trigger: { kind: "push", sha: SHA },
    requester: "bob",
    withMigrations: false,
    approvals: [],
    cause: "The push to main",
    defaultBranch: "main",
  } as const;

  it("is held until the freeze ends, naming who froze it and why", () => {
    const held = decideDeployRequest(config, push, { repo, now: NOW, history: {}, checkRuns: [], freeze });
    expect(held.actions).toMatchObject([
      {
        kind: "check-run",
        status: "in_progress",
        title: "Waiting for the freeze to end (2026-12-03 14:00 UTC)",
        summary: expect.stringContaining("release week, frozen by alice"),
      },
    ]);
  });

  it("deploys once the freeze has expired", () => {
    const after = decideDeployRequest(config, push, { repo, now: "2026-12-03T14:00:00Z", history: {}, checkRuns: [], freeze });
    expect(after.actions.map((action) => action.kind)).toEqual(["create-deployment", "dispatch-workflow"]);
  });
});
