// What a webhook payload must hold before any handler reads it. GitHub's own payloads always
// carry these (they are required in @octokit/webhooks' schemas for these events); a payload
// without one (a truncated replay, a hand-made delivery, `null`) is skipped with a log line,
// instead of failing the job with "Cannot read properties of undefined".

const REQUIRED: Readonly<Record<string, readonly string[]>> = {
  push: ["ref", "after", "commits", "repository.name", "repository.owner.login", "repository.default_branch"],
  release: ["release.tag_name", "release.id", "repository.name", "repository.owner.login"],
  issues: ["issue.number", "issue.user.login", "repository.name", "repository.owner.login"],
  issue_comment: ["comment.id", "comment.body", "comment.user.login", "issue.number", "repository.name", "repository.owner.login"],
  pull_request: ["number", "pull_request.head.sha", "repository.name", "repository.owner.login"],
  deployment_status: ["deployment_status.state", "deployment.id", "deployment.sha", "repository.name", "repository.owner.login"],
  workflow_run: ["workflow_run.id", "workflow_run.head_sha", "repository.name", "repository.owner.login"],
  check_run: ["check_run.name", "check_run.head_sha", "repository.name", "repository.owner.login"],
  status: ["context", "sha", "state", "repository.name", "repository.owner.login", "repository.default_branch"],
};

function at(value: unknown, path: string): unknown {
  let node = value;
  for (const key of path.split(".")) {
    if (typeof node !== "object" || node === null) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** The first required field the payload lacks (`"payload"` when it is not an object), else undefined. */
export function missingPayloadField(event: string, payload: unknown): string | undefined {
  if (typeof payload !== "object" || payload === null || Array.isArray(payload)) return "payload";
  // Every event the app handles names who caused it; handlers read the sender's login and type.
  return [...(REQUIRED[event] ?? []), ...(REQUIRED[event] === undefined ? [] : ["sender.login"])].find((path) => {
    const value = at(payload, path);
    return value === undefined || value === null;
  });
}
