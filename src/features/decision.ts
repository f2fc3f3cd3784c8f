// Runs a decision (src/policy/ask.ts): answers each question it yields from the context's
// FactSource and Executor, in order, and resumes it with the answer. A plan that stops part-way
// is answered as an outcome with its failure, so the decision can say what the person hears
// (fail the deployment, free the lock); the failure is then thrown all the same, so the job fails
// and is retried or answered as any failed job, unless the decision said it has answered the
// failure in full (`settled`).
import { ActionFailedError } from "../executor/port.js";
import { failureOf } from "../executor/failure.js";
import type { Decision, Question } from "../policy/ask.js";
import type { Outcome } from "../policy/effect.js";
import type { FeatureContext } from "./feature.js";

export async function runDecision<T>(context: FeatureContext, decision: Decision<T>): Promise<T> {
  let failed: ActionFailedError | undefined;
  const answer = async (question: Question): Promise<unknown> => {
    if (question.kind === "settled") {
      failed = undefined;
      return undefined;
    }
    if (question.kind !== "carryOut") return read(context, question);
    try {
      return { effects: await context.executor.carryOut(question.plan) } satisfies Outcome;
    } catch (error) {
      if (!(error instanceof ActionFailedError)) throw error;
      failed ??= error;
      return { effects: error.completed, failure: failureOf(error) } satisfies Outcome;
    }
  };
  let step = decision.next();
  while (step.done !== true) step = decision.next(await answer(step.value));
  if (failed !== undefined) throw failed;
  return step.value;
}

function read(context: FeatureContext, question: Exclude<Question, { kind: "carryOut" | "settled" }>): Promise<unknown> | undefined {
  const { facts } = context;
  switch (question.kind) {
    case "history":
      return facts.deploymentHistory(question.env, question.app);
    case "commit":
      return facts.commitOf(question.ref);
    case "defaultBranch":
      return facts.defaultBranchOf(question.repo);
    case "comments":
      return facts.issueComments(question.issue);
    case "thumbsUp":
      return facts.thumbsUpApprovals(question.commentIds);
    case "reviews":
      return facts.reviewApprovals(question.pull);
    case "tags":
      return facts.tagsUnder(question.prefix, question.toPeel);
    case "checkRuns":
      return facts.checkRunsOn(question.sha);
    case "commitStatuses":
      return facts.commitStatuses(question.sha);
    case "currentLock":
      return facts.currentLock(question.env, question.app);
    case "queued":
      return facts.queuedDeployments(question.env, question.app);
    case "lockOfScope":
      return facts.lockOfScope(question.env, question.app);
    case "pull":
      return facts.pullHead(question.number);
    case "teamMember":
      return facts.teamMember(question.team, question.login);
    case "permission":
      return facts.permission(question.login);
    case "log":
      context.log.info(question.fields, question.message);
      return undefined;
  }
}
