// Realistic webhook bodies for the load runs: real examples from @octokit/webhooks-examples
// moved onto an emulator repository, between 10 and 25 KB as GitHub's usually are.
import type { Emulator } from "../../test/emulator/index.js";
import { examplePayload } from "../../test/e2e/fixtures/payloads.js";
import type { Delivery } from "./load.js";

/** A push of several commits (one commit's push is 7 KB; ten-commit pushes are common). */
function pushOfCommits(owner: string, repo: string, commits: number): Record<string, unknown> {
  const base = examplePayload("push", undefined, { owner, repo, installationId: 1, overrides: { ref: "refs/heads/main" } });
  const head = (base["head_commit"] ?? {}) as Record<string, unknown>;
  const list = Array.from({ length: commits }, (_, i) => ({
    ...head,
    id: `${String(i).padStart(2, "0")}${"a".repeat(38)}`,
    message: `Change ${i}: tidy the module`,
  }));
  return { ...base, commits: list, head_commit: list[list.length - 1] };
}

/**
 * pull_request.opened and .synchronize (21-24 KB) and a ten-commit push (about 12 KB). The PR is
 * opened on the emulator first and the payloads name it, so the app's follow-up reads (the PR's
 * files) find what the webhook promised instead of failing and retrying.
 */
export function acceptancePayloads(gh: Emulator, owner: string, repo: string): Delivery[] {
  const head = `feature-${repo}`;
  gh.createBranch(owner, repo, head);
  gh.commit(owner, repo, head, { "src/feature.py": "print('feature')" }, "Add a feature");
  const number = gh.openPullRequest({ owner, repo, title: "Add a feature", head });
  const sha = gh.sha(owner, repo, head);
  const target = { owner, repo, installationId: 1, overrides: { number, pull_request: { number, head: { ref: head, sha }, base: { ref: "main" } } } };
  return [
    { event: "pull_request", body: JSON.stringify(examplePayload("pull_request", "opened", target)) },
    { event: "push", body: JSON.stringify(pushOfCommits(owner, repo, 10)) },
    { event: "pull_request", body: JSON.stringify(examplePayload("pull_request", "synchronize", target)) },
  ];
}
