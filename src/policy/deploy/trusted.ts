// A push deploys automatically only when whoever pushed is trusted with the environment (Green
// Web: OWNER, MEMBER, COLLABORATOR). A push event carries no author association, so it is read
// from the pusher's repository permission, or from the pull request the pushed commit merged.

import type { AuthorAssociation } from "../config/types.js";
import { short } from "./settings.js";

export interface TrustFacts {
  readonly env: string;
  readonly app?: string;
  readonly sha: string;
  readonly pusher: string;
  readonly trusted: readonly AuthorAssociation[];
  /** The pusher's repository permission: admin, maintain, write, triage, read or none. */
  readonly permission: string;
  /** `author_association` of the pull request this commit merged, when it merged one. */
  readonly mergedPullAssociation?: string;
}

export type Trust = { readonly kind: "trusted"; readonly why: string } | { readonly kind: "untrusted"; readonly message: string };

const WRITE_OR_MORE = new Set(["write", "maintain", "admin"]);

/**
 * What a permission vouches for. The API does not tell org members from outside collaborators,
 * so write access stands for either; only admin stands for the owner.
 */
function associationsOf(permission: string): readonly AuthorAssociation[] {
  if (permission === "admin") return ["OWNER", "MEMBER", "COLLABORATOR"];
  return WRITE_OR_MORE.has(permission) ? ["MEMBER", "COLLABORATOR"] : [];
}

export function decideTrust(facts: TrustFacts): Trust {
  const byPermission = associationsOf(facts.permission).find((association) => facts.trusted.includes(association));
  if (byPermission !== undefined) return { kind: "trusted", why: `${facts.pusher} has ${facts.permission} permission (${byPermission})` };
  const pull = facts.mergedPullAssociation;
  if (pull !== undefined && facts.trusted.some((association) => association === pull)) {
    return { kind: "trusted", why: `the merged pull request's author is ${pull}` };
  }
  const command = ["/deploy", facts.env, short(facts.sha), facts.app].filter((part) => part !== undefined).join(" ");
  return {
    kind: "untrusted",
    message: `Deploy to ${facts.env} waits for approval: ${facts.pusher} is not a trusted author; a maintainer can run ${command}`,
  };
}

/** Whether the pull-request fact could still change the answer, so it is worth one more read. */
export function needsPullAssociation(facts: Omit<TrustFacts, "mergedPullAssociation">): boolean {
  return decideTrust(facts).kind === "untrusted";
}
