// Small builders for deploy facts: each test states only what differs from a deploy that passes.

import type { GateFacts } from "../../../src/policy/deploy/gates.js";
import type { DeployFacts } from "../../../src/policy/deploy/plan-deploy.js";
import type { DeploymentRecord, EnvironmentSettings } from "../../../src/policy/deploy/settings.js";

export const SHA = "1c1f6ab9e0b1d2c3f4a5b6c7d8e9f0a1b2c3d4e5";
export const OLD_SHA = "0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a";
export const NOW = "2026-11-23T10:00:00.000Z";

export function environment(overrides: Partial<EnvironmentSettings> = {}): EnvironmentSettings {
  return { name: "production", requires: [], checks: [], approvals: 0, queue: true, ...overrides };
}

export function gateFacts(overrides: Partial<GateFacts> = {}): GateFacts {
  return {
    env: environment(),
    target: { sha: SHA },
    succeededOn: {},
    checkRuns: [],
    withMigrations: false,
    approvals: [],
    now: NOW,
    requester: "alice",
    ...overrides,
  };
}

export function deployFacts(overrides: Partial<DeployFacts> = {}): DeployFacts {
  return {
    ...gateFacts(),
    repo: { owner: "org", repo: "app" },
    trigger: { kind: "comment", id: 42 },
    issueNumber: 7,
    dispatch: {
      kind: "workflow",
      repo: { owner: "org", repo: "infra" },
      workflow: "deploy.yml",
      ref: "main",
      inputs: { tag: SHA, actor: "alice" },
    },
    ...overrides,
  };
}

let nextId = 100;
export function record(state: DeploymentRecord["state"], sha: string, extra: Partial<DeploymentRecord> = {}): DeploymentRecord {
  nextId += 1;
  return { id: nextId, sha, ref: sha, state, createdAt: NOW, ...extra };
}
