// /rollback as one decision, driven by hand: the questions it asks, in order, are the reads the
// running bot makes, and the outcome of carrying its plan out (a lock lost to a concurrent
// deploy, a dispatch GitHub refused) is read back as data and answered, with no exception caught.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Question } from "../../../src/policy/ask.js";
import { drive } from "./drive.js";
import { parseConfig } from "../../../src/policy/config/index.js";
import { rollbackCommand, type CommandAt } from "../../../src/policy/deploy/command-decision.js";
import { deployDecision } from "../../../src/policy/deploy/deploy-decision.js";
import type { DeploymentRecord } from "../../../src/policy/deploy/settings.js";
import type { Outcome } from "../../../src/policy/effect.js";
import type { Action, Plan } from "../../../src/policy/plan.js";

const parsed = parseConfig(parse(readFileSync("examples/greenweb.yml", "utf8")), { repo: "thegreenwebfoundation/admin-portal" });
if (!parsed.ok) throw new Error("greenweb.yml does not parse");
const { config } = parsed;
const repo = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const OLD = "a".repeat(40);
const NEW = "b".repeat(40);
const at: CommandAt = {
  repo,
  now: "2024-10-21T12:00:00.000Z",
  commentId: 42,
  issueNumber: 7,
  isPullRequest: false,
  requester: "fershad",
  defaultBranch: "master",
  reply: (body: string): Action => ({ kind: "comment", key: "reply:42", repo, issueNumber: 7, body, editable: true }),
};
const history: DeploymentRecord[] = [
  { id: 2, sha: NEW, ref: "master", state: "success", createdAt: "2024-10-21T11:00:00Z" },
  { id: 1, sha: OLD, ref: "master", state: "inactive", createdAt: "2024-10-20T11:00:00Z" },
];
const green = ["tests", "migrations"].map((name) => ({ name, status: "completed", conclusion: "success" }));

const done = (plan: Plan): Outcome => ({ effects: plan.actions.map((action) => ({ key: action.key, kind: action.kind, status: "done" as const, id: 99 })) });

function facts(question: Question, carry: (plan: Plan, asked: readonly Question[]) => Outcome, asked: readonly Question[]): unknown {
  switch (question.kind) {
    case "history":
      return history;
    case "checkRuns":
      return green;
    case "commitStatuses":
      return [];
    case "carryOut":
      return carry(question.plan, asked);
    default:
      return undefined;
  }
}

const plans = (asked: readonly Question[]) => asked.flatMap((question) => (question.kind === "carryOut" ? [question.plan] : []));

describe("rollbackCommand", () => {
  it("reads the environment's history, then deploys the version before the current one", () => {
    const { asked } = drive(rollbackCommand(config, { name: "rollback", environment: "production" }, at), (question, all) => facts(question, done, all));
    expect(asked[0]).toEqual({ kind: "history", env: "production" });
    const [deploy] = plans(asked);
    expect(deploy?.actions.find((action) => action.kind === "create-deployment")).toMatchObject({ environment: "production", ref: OLD });
  });

  it("answers an unknown environment without reading anything", () => {
    const { asked } = drive(rollbackCommand(config, { name: "rollback", environment: "prod" }, at), (question, all) => facts(question, done, all));
    expect(asked.map((question) => question.kind)).toEqual(["carryOut"]);
    expect(plans(asked)[0]?.actions).toMatchObject([{ kind: "comment", key: "reply:42" }]);
  });

  it("reads the lock again when it lost the race for it, and tells the person who won", () => {
    const held = { holder: "mrchrisadams", reason: "load test", expiresAt: "2024-10-21T13:00:00Z" };
    const lostRace = (plan: Plan): Outcome => {
      const acquire = plan.actions.find((action) => action.kind === "acquire-lock");
      return acquire === undefined ? done(plan) : { effects: [{ key: acquire.key, kind: "acquire-lock", status: "held", held }] };
    };
    const { asked } = drive(rollbackCommand(config, { name: "rollback", environment: "production" }, at), (question, all) =>
      question.kind === "lockOfScope" ? { ...held, key: "lock:production:other" } : facts(question, lostRace, all),
    );
    const kinds = asked.map((question) => question.kind);
    expect(kinds.slice(kinds.indexOf("carryOut"))).toEqual(["carryOut", "lockOfScope", "carryOut"]);
    const refusal = plans(asked)[1];
    expect(refusal?.reason).toBe("locked");
    expect(refusal?.actions).toMatchObject([{ kind: "comment", body: expect.stringContaining("mrchrisadams") }]);
  });
});

describe("deployDecision", () => {
  const production = config.environments.find((env) => env.name === "production");
  if (production === undefined) throw new Error("no production in greenweb.yml");
  const request = {
    env: production,
    sha: NEW,
    trigger: { kind: "push" as const, sha: NEW },
    requester: "fershad",
    withMigrations: false,
    approvals: [],
    defaultBranch: "master",
  };

  it("fails an automatic deploy whose dispatch GitHub refused for good, from the outcome", () => {
    const refused = (plan: Plan, asked: readonly Question[]): Outcome => {
      if (plans(asked).length > 1) return done(plan);
      const dispatch = plan.actions.find((action) => action.kind === "dispatch-workflow");
      if (dispatch === undefined) return done(plan);
      const before = plan.actions.slice(0, plan.actions.indexOf(dispatch));
      return {
        effects: done({ ...plan, actions: before }).effects,
        failure: { action: dispatch, status: 404, retryAfter: false, rateLimitRemaining: "4999", message: "Not Found" },
      };
    };
    const { asked } = drive(deployDecision(config, request, at), (question, all) => facts(question, refused, all));
    const failed = plans(asked)[1];
    expect(failed?.actions).toMatchObject([
      { kind: "set-deployment-status", deploymentId: 99, state: "error", description: expect.stringContaining("GitHub answered 404") },
      { kind: "release-lock" },
      expect.anything(),
    ]);
  });

  it("leaves a transient dispatch failure to the job's retry: nothing more is carried out", () => {
    const transient = (plan: Plan): Outcome => {
      const dispatch = plan.actions.find((action) => action.kind === "dispatch-workflow");
      return dispatch === undefined
        ? done(plan)
        : { effects: [], failure: { action: dispatch, status: 502, retryAfter: false, rateLimitRemaining: undefined, message: "Bad Gateway" } };
    };
    const { asked } = drive(deployDecision(config, request, at), (question, all) => facts(question, transient, all));
    expect(plans(asked)).toHaveLength(1);
  });
});
