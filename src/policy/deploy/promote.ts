// What `/promote <from> <to>` deploys: exactly what last succeeded on `<from>`, the same commit
// and the same image, so what was tested is what ships.

import type { ChosenVersion, DeploymentRecord } from "./settings.js";

export interface PromotionFacts {
  readonly from: string;
  /** Deployments of `from`, newest first. */
  readonly history: readonly DeploymentRecord[];
  /** For the suggested command in an error; the sentence still reads without it. */
  readonly to?: string;
}

export function choosePromotion(facts: PromotionFacts): ChosenVersion | { readonly error: string } {
  // GitHub marks a successful deployment `inactive` when a newer one of the same environment
  // succeeds. With one app, that newer success comes first in the history anyway; in a monorepo
  // the history is one app's, and another app's success inactivates this app's running version,
  // which is still what runs for this app.
  const last = facts.history.find((record) => record.state === "success" || record.state === "inactive");
  if (last !== undefined) {
    return {
      sha: last.sha,
      ref: last.ref,
      ...(last.imageTag === undefined ? {} : { imageTag: last.imageTag }),
      ...(last.releaseTag === undefined ? {} : { releaseTag: last.releaseTag }),
    };
  }
  const running = facts.history.find((record) => record.state === "in_progress" || record.state === "queued" || record.state === "pending");
  const then = facts.to === undefined ? "" : ` then /promote ${facts.from} ${facts.to}`;
  if (running !== undefined) {
    return {
      error: `nothing has succeeded on ${facts.from} yet, though a deploy is under way; wait for it to finish,${then === "" ? " then promote again." : `${then}`}`,
    };
  }
  return {
    error: `nothing has succeeded on ${facts.from} yet, so there is nothing to promote; deploy to ${facts.from} first with /deploy ${facts.from}${then === "" ? "." : `,${then}`}`,
  };
}
