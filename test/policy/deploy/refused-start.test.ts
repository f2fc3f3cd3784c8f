// A deploy whose dispatch is refused for good (by GitHub, or by the executor because the workflow
// does not take its inputs) fails its deployment with the reason and frees its lock, whether a
// person typed it or it waited in the queue, and the decision says it has answered the failure
// (`settled`) so the job does not fail a second time on the same thread.
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import type { Question } from "../../../src/policy/ask.js";
import { parseConfig } from "../../../src/policy/config/index.js";
import { deployDecision } from "../../../src/policy/deploy/deploy-decision.js";
import { encodeDeploymentPayload } from "../../../src/policy/deploy/deployment-payload.js";
import { startQueuedDecision } from "../../../src/policy/deploy/queue-decision.js";
import type { Outcome } from "../../../src/policy/effect.js";
import type { Plan } from "../../../src/policy/plan.js";
import { drive } from "./drive.js";

const parsed = parseConfig(parse(readFileSync("examples/greenweb.yml", "utf8")), { repo: "thegreenwebfoundation/admin-portal" });
if (!parsed.ok) throw new Error("greenweb.yml does not parse");
const { config } = parsed;
const repo = { owner: "thegreenwebfoundation", repo: "admin-portal" };
const SHA = "c".repeat(40);
const at = { repo, now: "2024-10-21T12:00:00.000Z" };
const REFUSAL = ".github/workflows/deploy.yml in thegreenwebfoundation/admin-portal at master does not declare the input ref";

const done = (plan: Plan): Outcome => ({ effects: plan.actions.map((action) => ({ key: action.key, kind: action.kind, status: "done" as const, id: 99 })) });

/** Carries every plan out, except that the first dispatch is refused by the executor. */
function refusingDispatch(question: Question, asked: readonly Question[], answers: Partial<Record<Question["kind"], unknown>> = {}): unknown {
  const lists: readonly Question["kind"][] = ["checkRuns", "history", "commitStatuses"];
  if (question.kind !== "carryOut") return answers[question.kind] ?? (lists.includes(question.kind) ? [] : undefined);
  const earlier = asked.filter((q) => q.kind === "carryOut").length;
  const dispatch = question.plan.actions.find((action) => action.kind === "dispatch-workflow");
  if (earlier > 1 || dispatch === undefined) return done(question.plan);
  const before = question.plan.actions.slice(0, question.plan.actions.indexOf(dispatch));
  return {
    effects: done({ ...question.plan, actions: before }).effects,
    failure: { action: dispatch, status: undefined, retryAfter: false, rateLimitRemaining: undefined, message: REFUSAL, refused: true },
  };
}

const green = ["tests", "migrations"].map((name) => ({ name, status: "completed", conclusion: "success" }));
const plans = (asked: readonly Question[]) => asked.flatMap((question) => (question.kind === "carryOut" ? [question.plan] : []));

describe("a start refused for good", () => {
  it("fails a typed /deploy's deployment with the reason, frees the lock, edits the reply and settles", () => {
    const staging = config.environments.find((env) => env.name === "staging")!;
    const request = {
      env: staging,
      sha: SHA,
      trigger: { kind: "comment" as const, id: 42 },
      requester: "fershad",
      withMigrations: false,
      approvals: [],
      defaultBranch: "master",
      issueNumber: 7,
    };
    const { asked } = drive(deployDecision(config, request, at), (question, all) => refusingDispatch(question, all, { checkRuns: green }));
    const failed = plans(asked)[1];
    expect(failed?.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: "set-deployment-status",
          deploymentId: 99,
          state: "error",
          description: expect.stringContaining("does not declare the input ref"),
        }),
        expect.objectContaining({ kind: "release-lock", environment: "staging" }),
        expect.objectContaining({ kind: "comment", issueNumber: 7, body: expect.stringContaining("does not declare the input ref") }),
      ]),
    );
    expect(asked.at(-1)).toEqual({ kind: "settled" });
  });

  it("does the same for a queued deploy started when the lock freed", () => {
    const key = `deploy:staging:${SHA}:comment-43`;
    const dispatch = JSON.stringify({ kind: "workflow", repo, workflow: "deploy.yml", ref: "master", inputs: { ref: SHA } });
    const waiting = [
      {
        id: 55,
        sha: SHA,
        createdAt: "2024-10-21T11:00:00Z",
        environment: "staging",
        payload: encodeDeploymentPayload({ key, requestedBy: "fershad", issueNumber: 8, queuedBehind: "deploy:staging:x:comment-1", dispatch }),
      },
    ];
    const { asked } = drive(startQueuedDecision(config, { environment: "staging", app: undefined }, at), (question, all) =>
      refusingDispatch(question, all, { queued: waiting }),
    );
    expect(asked[0]).toEqual({ kind: "queued", env: "staging" });
    const failed = plans(asked)[1];
    expect(failed?.actions).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: "set-deployment-status", state: "error" }),
        expect.objectContaining({ kind: "release-lock", environment: "staging" }),
      ]),
    );
    expect(asked.at(-1)).toEqual({ kind: "settled" });
  });

  it("asks nothing when the environment does not queue", () => {
    const { asked, result } = drive(startQueuedDecision(config, { environment: "nowhere", app: undefined }, at), () => undefined);
    expect(asked).toEqual([]);
    expect(result.actions).toEqual([]);
  });
});
