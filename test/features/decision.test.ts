// The decision runner answers each question from the context's FactSource and Executor, and a
// plan that stopped part-way comes back to the decision as an outcome with its failure; the
// failure is thrown once the decision has said what follows, so the job still fails and retries.
import { describe, expect, it } from "vitest";
import { ActionFailedError, type Executor } from "../../src/executor/port.js";
import { runDecision } from "../../src/features/decision.js";
import type { FeatureContext } from "../../src/features/feature.js";
import { act, ask, type Decision } from "../../src/policy/ask.js";
import type { Outcome } from "../../src/policy/effect.js";
import { plan, type Action, type Plan } from "../../src/policy/plan.js";

const repo = { owner: "o", repo: "r" };
const comment = (key: string): Action => ({ kind: "comment", key, repo, issueNumber: 1, body: key });

function contextWith(carryOut: (plan: Plan) => Promise<readonly unknown[]>, carried: Plan[]): FeatureContext {
  const executor: Executor = {
    carryOut: async (chosen) => {
      carried.push(chosen);
      return (await carryOut(chosen)) as never;
    },
    forFeature: () => executor,
  };
  const facts = { commitOf: async (ref: string) => (ref === "main" ? "c0ffee" : undefined) };
  return { executor, facts, log: { info: () => undefined } } as unknown as FeatureContext;
}

describe("runDecision", () => {
  it("answers reads from the FactSource and plans from the Executor, in order", async () => {
    const carried: Plan[] = [];
    function* decision(): Decision<string | undefined> {
      const sha = yield* ask("commit", { ref: "main" });
      const outcome = yield* act(plan("say it", [comment(`at-${sha}`)]));
      return `${sha}:${outcome.effects.length}`;
    }
    const context = contextWith(async (chosen) => chosen.actions.map((action) => ({ key: action.key, kind: action.kind, status: "done" })), carried);
    await expect(runDecision(context, decision())).resolves.toBe("c0ffee:1");
    expect(carried.map((chosen) => chosen.actions[0]?.key)).toEqual(["at-c0ffee"]);
  });

  it("gives a failed plan back as an outcome, carries out what the decision then plans, and throws the failure", async () => {
    const carried: Plan[] = [];
    const seen: Outcome[] = [];
    const failing = comment("dispatch");
    const error = new ActionFailedError(
      failing,
      Object.assign(new Error("Not Found"), { status: 404, response: { headers: { "x-ratelimit-remaining": 10 } } }),
      [],
    );
    function* decision(): Decision<void> {
      const outcome = yield* act(plan("start", [failing]));
      seen.push(outcome);
      if (outcome.failure !== undefined) yield* act(plan("fail it", [comment("failed")]));
    }
    const context = contextWith(async (chosen) => {
      if (chosen.actions[0]?.key === "dispatch") throw error;
      return [];
    }, carried);
    await expect(runDecision(context, decision())).rejects.toBe(error);
    expect(seen[0]?.failure).toEqual({ action: failing, status: 404, retryAfter: false, rateLimitRemaining: "10", message: "Not Found" });
    expect(carried.map((chosen) => chosen.summary)).toEqual(["start", "fail it"]);
  });

  it("lets an error that is not a failed action through at once", async () => {
    function* decision(): Decision<void> {
      yield* act(plan("start", [comment("x")]));
      throw new Error("never resumed");
    }
    const context = contextWith(async () => {
      throw new TypeError("bug");
    }, []);
    await expect(runDecision(context, decision())).rejects.toThrow("bug");
  });
});
