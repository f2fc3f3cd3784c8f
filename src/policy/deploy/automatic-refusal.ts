// A deploy nobody typed (a push, a published release) has no comment to answer, so a refusal or a
// failure to start is reported where people look at that commit: a failed check run on it.

import type { CheckRun, Plan, RepoRef } from "../plan.js";

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
    conclusion: "failure",
    title: `Not deployed to ${facts.env}`,
    summary: `${facts.cause} did not deploy to ${facts.env}: ${text}`,
    annotations: [],
  };
  return { reason, summary: text, actions: [check] };
}
