// A deploy nobody typed (a push, a published release) has no comment to answer, so a refusal or a
// failure to start is reported where people look at that commit: a failed check run on it.

import type { CheckRun, Plan, RepoRef } from "../plan.js";
import { inertText } from "../markdown/inert.js";

export interface AutomaticDeployFacts {
  readonly repo: RepoRef;
  readonly sha: string;
  readonly env: string;
  readonly app?: string;
  /** What started the deploy, for the sentence: `the push to main`, `release api-2024...`. */
  readonly cause: string;
}

export function deployCheckName(env: string, app?: string): string {
  return app === undefined ? `Release Pilot: deploy ${env}` : `Release Pilot: deploy ${app} to ${env}`;
}

/** The external_id prefixes of a push's held deploy check (checks-hold.ts), by its state. */
export const HOLD_PREFIX = { waiting: "deploy-held", failed: "deploy-checks-failed", window: "deploy-window" } as const;

/**
 * The start of every hold's external_id for this deploy, whoever pushed: what a report that
 * settles the hold continues, so the held run itself turns done instead of staying in progress.
 */
export function holdPrefixes(at: { readonly env: string; readonly app?: string; readonly sha: string }): string[] {
  return Object.values(HOLD_PREFIX).map((prefix) => `${prefix}:${at.env}:${at.app ?? ""}:${at.sha}:`);
}

/** The plan as is when it deploys or tells someone; else a failed check run on the commit saying why not. */
export function reportAutomaticRefusal(facts: AutomaticDeployFacts, decided: Plan | { readonly error: string }): Plan {
  if (!("error" in decided) && (decided.reason === "planned" || decided.actions.length > 0)) return decided;
  const reason = "error" in decided ? "gate-refused" : decided.reason;
  const text = "error" in decided ? decided.error : decided.summary;
  const check: CheckRun = {
    kind: "check-run",
    key: `deploy-refused:${facts.env}:${facts.app ?? ""}:${facts.sha}`,
    repo: facts.repo,
    headSha: facts.sha,
    name: deployCheckName(facts.env, facts.app),
    // A push may have held this deploy for its checks; the refusal is how that hold ends.
    continues: holdPrefixes(facts),
    conclusion: "failure",
    title: `Not deployed to ${facts.env}`,
    summary: `${inertText(facts.cause)} did not deploy to ${facts.env}: ${inertText(text)}`,
    annotations: [],
  };
  return { reason, summary: text, actions: [check] };
}
