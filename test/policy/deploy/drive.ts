// Drives a decision (src/policy/ask.ts) by hand in a test: each question it yields is answered by
// `answer`, so a test sees the reads and plans in order, as the running bot would meet them.
import type { Decision, Question } from "../../../src/policy/ask.js";

/** Drives a decision, answering each question with `answer`; returns every question and the result. */
export function drive<T>(decision: Decision<T>, answer: (question: Question, asked: readonly Question[]) => unknown): { asked: Question[]; result: T } {
  const asked: Question[] = [];
  let step = decision.next();
  while (step.done !== true) {
    asked.push(step.value);
    step = decision.next(answer(step.value, asked));
  }
  return { asked, result: step.value };
}
