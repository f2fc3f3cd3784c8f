import type { CreateIssue, RepoRef, UpdateIssue } from "../../policy/plan.js";
import type { GitHub } from "../client.js";
import { effect, type ActionRunner } from "../effects.js";
import { isThisApp, type AppIdentity } from "../identity.js";
import { hasKey, withKeyMarker } from "../../policy/markers/key.js";
import { LIMITS, fitBody } from "../limits.js";

/**
 * This app's issue carrying this key's marker, open or closed. Bounded: newest 100 with the
 * labels. Someone else's issue with the same marker is not it: the marker is text anyone can type.
 */
export async function findIssueByKey(octokit: GitHub, repo: RepoRef, key: string, labels: readonly string[], self: AppIdentity) {
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    state: "all",
    labels: labels.length > 0 ? labels.join(",") : undefined,
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data.find((issue) => issue.pull_request === undefined && isThisApp(issue.user, self) && hasKey(issue.body, key));
}

export const createIssue: ActionRunner<CreateIssue> = async (action, { octokitFor, self }) => {
  const octokit = await octokitFor(action.repo);
  const found = await findIssueByKey(octokit, action.repo, action.key, action.labels, await self());
  if (found !== undefined) return effect(action, "already-done", { url: found.html_url, number: found.number });
  const { data } = await octokit.rest.issues.create({
    ...action.repo,
    title: action.title,
    body: fitBody(withKeyMarker(action.body, action.key), LIMITS.issueBody),
    labels: [...action.labels],
  });
  return effect(action, "done", { url: data.html_url, number: data.number });
};

export const updateIssue: ActionRunner<UpdateIssue> = async (action, { octokitFor, log }) => {
  const octokit = await octokitFor(action.repo);
  const { data: current } = await octokit.rest.issues.get({ ...action.repo, issue_number: action.number });
  const currentBody = current.body ?? "";
  // The body as GitHub will hold it, so an unchanged long body compares equal to what was written.
  const body = action.body === undefined ? undefined : fitBody(action.body, LIMITS.issueBody);
  if (action.expectedBody !== undefined && currentBody !== action.expectedBody && currentBody !== body) {
    // Someone edited the body after it was read: writing ours would drop their edit.
    log.info({ key: action.key, number: action.number }, "issue body changed since it was read; update skipped");
    return effect(action, "already-done", { url: current.html_url, number: current.number });
  }
  const changes = {
    ...(action.title !== undefined && action.title !== current.title ? { title: action.title } : {}),
    ...(body !== undefined && body !== currentBody ? { body } : {}),
    ...(action.state !== undefined && action.state !== current.state ? { state: action.state } : {}),
  };
  if (Object.keys(changes).length === 0) {
    return effect(action, "already-done", { url: current.html_url, number: current.number });
  }
  const { data } = await octokit.rest.issues.update({ ...action.repo, issue_number: action.number, ...changes });
  return effect(action, "done", { url: data.html_url, number: data.number });
};
