// The identity of one deploy. It is built only from what a redelivered webhook carries again
// (environment, app, commit, and the id of the comment or release that asked), so the same
// request always plans the same key and the executor finds the deployment it already made.

/** What asked for a deploy, stable across redeliveries. */
export type DeployTrigger =
  | { readonly kind: "comment"; readonly id: number }
  | { readonly kind: "release"; readonly id: number }
  /** A push, by its `after` commit: the same for the push and for the checks it waited on. */
  | { readonly kind: "push"; readonly sha: string };

export interface DeployKeyParts {
  readonly env: string;
  readonly app?: string;
  readonly sha: string;
  readonly trigger: DeployTrigger;
}

/** The trigger as it appears at the end of keys written to GitHub: `comment-123`, `release-456`, `push-<sha>`. */
function triggerText(trigger: DeployTrigger): string {
  return trigger.kind === "push" ? `push-${trigger.sha}` : `${trigger.kind}-${trigger.id}`;
}

function keyHead(parts: Omit<DeployKeyParts, "trigger">): string {
  const scope = parts.app === undefined ? parts.env : `${parts.env}/${parts.app}`;
  return `deploy:${scope}:${parts.sha}:`;
}

export function deployKey(parts: DeployKeyParts): string {
  return `${keyHead(parts)}${triggerText(parts.trigger)}`;
}

/** The start every comment-asked deploy of this scope and commit shares, whichever comment asked. */
export function commentDeployKeyPrefix(parts: Omit<DeployKeyParts, "trigger">): string {
  return `${keyHead(parts)}comment-`;
}
