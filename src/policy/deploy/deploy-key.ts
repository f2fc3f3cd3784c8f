// The identity of one deploy. It is built only from what a redelivered webhook carries again
// (environment, app, commit, and the id of the comment or release that asked), so the same
// request always plans the same key and the executor finds the deployment it already made.

export interface DeployKeyParts {
  readonly env: string;
  readonly app?: string;
  readonly sha: string;
  /** What asked, stable across redeliveries: `comment-123`, `release-456`, `push-<after sha>`. */
  readonly trigger: string;
}

export function deployKey(parts: DeployKeyParts): string {
  const scope = parts.app === undefined ? parts.env : `${parts.env}/${parts.app}`;
  return `deploy:${scope}:${parts.sha}:${parts.trigger}`;
}
