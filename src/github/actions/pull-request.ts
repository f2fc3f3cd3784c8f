import type { OpenPullRequest } from "../../policy/plan.js";
import { effect, type ActionRunner } from "../effects.js";
import { branchSha, createCommit, filesInPlace, setBranch } from "../git.js";
import { LIMITS, fitBody } from "../limits.js";

// A PR is found by its head branch, open or closed: a closed changelog PR means a person
// decided against it, and reopening or duplicating it would overrule them (unless `openOnly`).
export const openPullRequest: ActionRunner<OpenPullRequest> = async (action, { octokitFor }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  const { data: existing } = await octokit.rest.pulls.list({
    ...repo,
    state: action.openOnly === true ? "open" : "all",
    head: `${repo.owner}:${action.branch}`,
    per_page: 1,
  });
  const found = existing[0];
  if (found !== undefined) {
    // A run that failed between opening the PR and labelling it (a rate limit, a crash)
    // finishes the labelling now; a closed PR is a person's decision and stays as it is.
    const missing = action.labels.filter((label) => !found.labels.some((l) => l.name === label));
    if (found.state === "open" && missing.length > 0) {
      await octokit.rest.issues.addLabels({ ...repo, issue_number: found.number, labels: missing });
      return effect(action, "done", { url: found.html_url, number: found.number });
    }
    return effect(action, "already-done", { url: found.html_url, number: found.number });
  }

  // A run that died after pushing the branch resumes here without committing again.
  const headSha = await branchSha(octokit, repo, action.branch);
  if (headSha === undefined || !(await filesInPlace(octokit, repo, headSha, action.files))) {
    const parent = headSha ?? (await branchSha(octokit, repo, action.base));
    if (parent === undefined) throw new Error(`base branch ${action.base} does not exist`);
    const sha = await createCommit(octokit, repo, parent, action.commitMessage, action.files);
    await setBranch(octokit, repo, action.branch, sha, headSha !== undefined);
  }
  const { data: pull } = await octokit.rest.pulls.create({
    ...repo,
    head: action.branch,
    base: action.base,
    title: action.title,
    body: fitBody(action.body, LIMITS.pullRequestBody),
  });
  if (action.labels.length > 0) {
    await octokit.rest.issues.addLabels({ ...repo, issue_number: pull.number, labels: [...action.labels] });
  }
  return effect(action, "done", { url: pull.html_url, number: pull.number });
};
