// A workflow's success says the job ran, not that the new version answers. With `verify`, the bot
// reads the environment's version URL until it names what was deployed: each decision here is a
// function of the answers so far and the time spent; the handler makes the requests, each in a
// job of its own with the next one a timer (src/handlers/deploy/verify-timer.ts).

import type { SetDeploymentStatus, RepoRef } from "../plan.js";
import { tryRender } from "../template.js";

export type VerifyAnswer = { readonly status: number; readonly body: string } | { readonly error: string };

export interface VerifyFacts {
  readonly url: string;
  /** The rendered `expect`: what the body must contain. */
  readonly expected: string;
  readonly timeoutMs: number;
  /** Time since verification started, measured by the caller. */
  readonly elapsedMs: number;
  readonly answers: readonly VerifyAnswer[];
}

export type VerifyStep =
  | { readonly kind: "continue"; readonly waitMs: number }
  | { readonly kind: "succeed"; readonly description: string }
  | { readonly kind: "fail"; readonly description: string };

export const FIRST_WAIT_MS = 2_000;
export const MAX_WAIT_MS = 30_000;
/** Descriptions the bot writes; the success one marks a status that needs no second verify. */
export const VERIFYING = "Verifying";
export const VERIFIED = "Verified";

/** 2 s, 4 s, 8 s, ... capped at 30 s, after the given number of answers. */
export function backoffMs(answers: number): number {
  return Math.min(MAX_WAIT_MS, FIRST_WAIT_MS * 2 ** Math.max(0, answers - 1));
}

export function nextVerifyStep(facts: VerifyFacts): VerifyStep {
  return stepAfter(facts, facts.answers.length, facts.answers[facts.answers.length - 1]);
}

/**
 * The same decision for one request made in its own job: a timer carries how many answers came
 * before, not their bodies, and only the newest answer and the count decide.
 */
export function nextVerifyAttempt(facts: Omit<VerifyFacts, "answers"> & { readonly earlierAnswers: number; readonly answer: VerifyAnswer }): VerifyStep {
  return stepAfter(facts, facts.earlierAnswers + 1, facts.answer);
}

/** A status the bot wrote when it started verifying, and still the deployment's newest. */
export function isVerifying(state: string | undefined, description: string | null | undefined): boolean {
  return state === "in_progress" && description?.startsWith(`${VERIFYING} `) === true;
}

function stepAfter(facts: Omit<VerifyFacts, "answers">, count: number, last: VerifyAnswer | undefined): VerifyStep {
  if (last !== undefined && "body" in last && last.status < 400 && last.body.includes(facts.expected)) {
    return { kind: "succeed", description: `${VERIFIED} ${facts.url}` };
  }
  const remaining = facts.timeoutMs - facts.elapsedMs;
  // Before the first answer there is always one try, however short the timeout.
  if (last === undefined) return { kind: "continue", waitMs: 0 };
  if (remaining <= 0) return { kind: "fail", description: failure(facts.url, last, facts.expected) };
  return { kind: "continue", waitMs: Math.min(backoffMs(count), remaining) };
}

// The body is never repeated: a status is public, and a body read from a URL the config names
// may be anything (item 7 of #12). The description says only whether it matched.
function failure(url: string, answer: VerifyAnswer, expected: string): string {
  if ("error" in answer) return `verify: ${url} could not be read: ${answer.error.slice(0, 200)}`;
  if (answer.status >= 400) return `verify: ${url} answered HTTP ${answer.status}`;
  return `verify: ${url} answered HTTP ${answer.status} without ${expected}`;
}

export interface ExpectValues {
  readonly env: string;
  readonly sha: string;
  readonly app?: string;
  readonly version?: string;
  readonly tag?: string;
}

/** The expected text for this deployment, or why it cannot be known. */
export function renderExpect(expect: string, values: ExpectValues): { ok: true; value: string } | { ok: false; error: string } {
  const rendered = tryRender(expect, values);
  return rendered.ok ? { ok: true, value: rendered.value } : { ok: false, error: `verify: ${rendered.error}` };
}

/** The marker that a verify is under way, and the final status it ends with. */
export function verifyStatus(
  repo: RepoRef,
  deploymentId: number,
  step: { readonly kind: "start"; readonly url: string } | Exclude<VerifyStep, { kind: "continue" }>,
  logUrl?: string,
): SetDeploymentStatus {
  const state = step.kind === "start" ? "in_progress" : step.kind === "succeed" ? "success" : "failure";
  const description = step.kind === "start" ? `${VERIFYING} ${step.url}` : step.description;
  return {
    kind: "set-deployment-status",
    key: `verify:${deploymentId}:${state}`,
    repo,
    deploymentId,
    state,
    description: description.slice(0, 140),
    ...(logUrl === undefined ? {} : { logUrl }),
  };
}

/** A success the bot wrote after verifying is final; any other success still needs a verify. */
export function isVerifiedStatus(description: string | null | undefined): boolean {
  return description?.startsWith(`${VERIFIED} `) === true;
}
