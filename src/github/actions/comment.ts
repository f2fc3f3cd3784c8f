import type { Comment, React } from "../../policy/plan.js";
import { effect, type ActionRunner } from "../effects.js";
import { isThisApp } from "../identity.js";
import { hasKey, withKeyMarker } from "../../policy/markers/key.js";
import { LIMITS, fitBody } from "../limits.js";

export const comment: ActionRunner<Comment> = async (action, { octokitFor, self }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  const body = fitBody(withKeyMarker(action.body, action.key), LIMITS.comment);
  const comments = await octokit.paginate(octokit.rest.issues.listComments, {
    ...repo,
    issue_number: action.issueNumber,
    per_page: 100,
  });
  // The marker is text anyone can type: only this app's own comment carrying it is the answer to
  // edit, or a person could have their comment taken over by the bot's reply.
  const me = await self();
  const found = comments.find((existing) => isThisApp(existing.user, me) && hasKey(existing.body, action.key));
  if (found !== undefined) {
    if (!action.editable || found.body === body) return effect(action, "already-done", { url: found.html_url, id: found.id });
    await octokit.rest.issues.updateComment({ ...repo, comment_id: found.id, body });
    return effect(action, "done", { url: found.html_url, id: found.id });
  }
  const { data } = await octokit.rest.issues.createComment({ ...repo, issue_number: action.issueNumber, body });
  return effect(action, "done", { url: data.html_url, id: data.id });
};

// GitHub answers 200 instead of 201 for a reaction that already exists: natively idempotent.
export const react: ActionRunner<React> = async (action, { octokitFor }) => {
  const octokit = await octokitFor(action.repo);
  const response = await octokit.rest.reactions.createForIssueComment({
    ...action.repo,
    comment_id: action.commentId,
    content: action.content,
  });
  return effect(action, response.status === 201 ? "done" : "already-done", { id: response.data.id });
};
