// Read-only facts about an environment, gathered before deploy policy decides: its deployment
// history, the check runs and commit statuses on a commit, the lock, and 👍 approvals. Nothing here writes.

import { deploymentPayload } from "../../policy/deploy/deployment-payload.js";
import { notFoundAsUndefined, statusOf, type GitHub } from "../../github/client.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import { keyOf } from "../../policy/markers/key.js";
import type { IssueCommentFact } from "../../policy/deploy/approval-comments.js";
import type { ApprovalFact, CheckRunFact } from "../../policy/deploy/gates.js";
import type { CommitStatusFact } from "../../policy/deploy/commit-statuses.js";
import { decodeLock, lockRefName, type Lock } from "../../policy/deploy/lock.js";
import type { DeploymentRecord } from "../../policy/deploy/settings.js";
import type { RepoRef } from "../../policy/plan.js";
import { historyState } from "../../policy/deploy/history-state.js";
import { standingApprovals, type ReviewFact } from "../../policy/deploy/review-approvals.js";

/** How far back history is read: enough for a rollback, bounded so one deploy costs few calls. */
export const HISTORY_LIMIT = 20;

/**
 * Statuses read per deployment, in the one call that reads its latest: a deployment has a handful
 * (dispatched, success, the `inactive` GitHub adds later), and what it reached before it was made
 * inactive is what its history state says (history-state.ts).
 */
export const STATUSES_READ = 100;

/**
 * This app's deployments of an environment (of one app, when given), newest first, each with its
 * state for the app's history (historyState: a success GitHub later made inactive still
 * succeeded). Anyone else's deployment is no part of the history: it is never what is deployed,
 * a rollback target or a promotion's source, whatever its payload says (identity.ts).
 */
export async function deploymentHistory(octokit: GitHub, repo: RepoRef, self: AppIdentity, environment: string, app?: string): Promise<DeploymentRecord[]> {
  const { data } = await octokit.rest.repos.listDeployments({ ...repo, environment, per_page: HISTORY_LIMIT });
  const records: DeploymentRecord[] = [];
  for (const deployment of data) {
    if (!isThisApp(deployment.creator, self)) continue;
    const payload = deploymentPayload(deployment.payload);
    if (app !== undefined && payload.app !== undefined && payload.app !== app) continue;
    const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: deployment.id, per_page: STATUSES_READ });
    // Made inactive before it finished (a queued deploy superseded before it started): it never ran.
    const state = historyState(statuses);
    if (state === undefined) continue;
    const { imageTag: image, releaseTag } = payload;
    records.push({
      id: deployment.id,
      sha: deployment.sha,
      ref: deployment.ref,
      state,
      createdAt: deployment.created_at,
      ...(image === undefined ? {} : { imageTag: image }),
      ...(releaseTag === undefined ? {} : { releaseTag }),
    });
  }
  // GitHub lists newest first already; sorting keeps that true whatever the source.
  return records.sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id);
}

export async function checkRunsOn(octokit: GitHub, repo: RepoRef, sha: string): Promise<CheckRunFact[]> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, filter: "latest", per_page: 100 });
  return data.check_runs.map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion }));
}

/**
 * The latest commit status of each context on a commit: the combined status, which GitHub pages
 * by context (`total_count` counts them all), so CI reporting through the Statuses API (Jenkins,
 * external services) counts as check runs do. Needs `statuses: read`.
 */
export async function commitStatusesOn(octokit: GitHub, repo: RepoRef, sha: string): Promise<CommitStatusFact[]> {
  const statuses: CommitStatusFact[] = [];
  // Bounded: ten pages of 100 contexts is more CI than any commit carries.
  for (let page = 1; page <= 10; page += 1) {
    const { data } = await octokit.rest.repos.getCombinedStatusForRef({ ...repo, ref: sha, per_page: 100, page });
    statuses.push(...data.statuses.map((status) => ({ context: status.context, state: status.state })));
    if (data.statuses.length === 0 || statuses.length >= data.total_count) break;
  }
  return statuses;
}

/** The lock on the environment (a person's /lock) or else on the app within it (a running deploy). */
export async function currentLock(octokit: GitHub, repo: RepoRef, env: string, app?: string): Promise<Lock | undefined> {
  const envRef = lockRefName(env);
  if (app === undefined) {
    const ref = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: envRef.replace(/^refs\//, "") }));
    return ref === undefined ? undefined : lockAt(octokit, repo, ref.data.object.sha);
  }
  // One call for both: the app lock (`production@api`) shares the environment lock's name as a
  // prefix. The prefix also matches other environments' locks (`production-eu`), hence the filter.
  const { data } = await octokit.rest.git.listMatchingRefs({ ...repo, ref: envRef.replace(/^refs\//, "") });
  for (const name of [envRef, lockRefName(env, app)]) {
    const found = data.find((ref) => ref.ref === name);
    if (found === undefined) continue;
    const lock = await lockAt(octokit, repo, found.object.sha);
    if (lock !== undefined) return lock;
  }
  return undefined;
}

/** The lock of exactly this scope (`production`, or `production@api` for an app's deploy). */
export async function lockOfScope(octokit: GitHub, repo: RepoRef, env: string, app?: string): Promise<Lock | undefined> {
  const ref = await notFoundAsUndefined(octokit.rest.git.getRef({ ...repo, ref: lockRefName(env, app).replace(/^refs\//, "") }));
  return ref === undefined ? undefined : lockAt(octokit, repo, ref.data.object.sha);
}

async function lockAt(octokit: GitHub, repo: RepoRef, sha: string): Promise<Lock | undefined> {
  const { data: commit } = await octokit.rest.git.getCommit({ ...repo, commit_sha: sha });
  return decodeLock(commit.message);
}

export async function permissionOf(octokit: GitHub, repo: RepoRef, username: string): Promise<string> {
  const found = await notFoundAsUndefined(octokit.rest.repos.getCollaboratorPermissionLevel({ ...repo, username }));
  return found === undefined ? "none" : (found.data.role_name ?? found.data.permission);
}

/** The comments of an issue or pull request, with what says which are the bot's replies. */
export async function issueComments(octokit: GitHub, repo: RepoRef, issueNumber: number, self: AppIdentity): Promise<IssueCommentFact[]> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  return comments.map((comment) => {
    const key = keyOf(comment.body);
    const thumbsUp = comment.reactions?.["+1"];
    return {
      id: comment.id,
      body: comment.body ?? "",
      authorIsBot: comment.user?.type === "Bot",
      byThisApp: isThisApp(comment.user, self),
      ...(key === undefined ? {} : { key }),
      ...(typeof thumbsUp === "number" ? { thumbsUp } : {}),
    };
  });
}

/** 👍 reactions on several comments, each person's permission read once however often they reacted. */
export async function thumbsUpApprovals(octokit: GitHub, repo: RepoRef, commentIds: readonly number[]): Promise<ApprovalFact[]> {
  const permissions = new Map<string, Promise<string>>();
  const approvals: ApprovalFact[] = [];
  for (const commentId of commentIds) {
    const reactions = await octokit.paginate(octokit.rest.reactions.listForIssueComment, { ...repo, comment_id: commentId, content: "+1", per_page: 100 });
    for (const reaction of reactions) {
      const login = reaction.user?.login;
      if (login === undefined || reaction.user?.type === "Bot") continue;
      const known = permissions.get(login.toLowerCase()) ?? permissionOf(octokit, repo, login);
      permissions.set(login.toLowerCase(), known);
      approvals.push({ login, permission: await known, at: reaction.created_at });
    }
  }
  return approvals;
}

/**
 * Each person's standing approving review of a pull request (standingApprovals decides which),
 * with the commit it approved and the pull request's head now, so the gate counts it only for
 * that commit (gates.ts). Reviews are listed in full: a long review thread must not hide a
 * later dismissal or change request behind the first page.
 */
export async function reviewApprovals(octokit: GitHub, repo: RepoRef, pullNumber: number): Promise<ApprovalFact[]> {
  const { data: pull } = await octokit.rest.pulls.get({ ...repo, pull_number: pullNumber });
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...repo, pull_number: pullNumber, per_page: 100 });
  const facts: ReviewFact[] = reviews.flatMap((review) =>
    review.user === null || review.user === undefined
      ? []
      : [
          {
            id: review.id,
            login: review.user.login,
            state: review.state,
            commitId: review.commit_id ?? null,
            ...(review.submitted_at === undefined ? {} : { submittedAt: review.submitted_at }),
          },
        ],
  );
  const approvals: ApprovalFact[] = [];
  for (const review of standingApprovals(facts)) {
    if (review.commitId === null || review.submittedAt === undefined) continue;
    approvals.push({
      login: review.login,
      permission: await permissionOf(octokit, repo, review.login),
      at: review.submittedAt,
      review: { commit: review.commitId, head: pull.head.sha },
    });
  }
  return approvals;
}

/** A branch, tag or SHA → the commit SHA; undefined when GitHub does not know it. */
export async function resolveCommit(octokit: GitHub, repo: RepoRef, ref: string): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getCommit({ ...repo, ref });
    return data.sha;
  } catch (error) {
    // GitHub answers 422 "No commit found for SHA" for a name that is neither ref nor commit.
    if (statusOf(error) === 404 || statusOf(error) === 422) return undefined;
    throw error;
  }
}

/**
 * The tags under `prefix` with the commit each points at. A lightweight tag's ref names its commit;
 * an annotated tag's ref names the tag object, whose `object` is the commit (GitHub's git refs and
 * tags API: https://docs.github.com/en/rest/git/refs#list-matching-references and
 * https://docs.github.com/en/rest/git/tags#get-a-tag), so only those `toPeel` picks are read.
 */
export async function tagsUnder(
  octokit: GitHub,
  repo: RepoRef,
  prefix: string,
  toPeel: (names: readonly string[]) => readonly string[],
): Promise<{ name: string; sha: string }[]> {
  const refs = await octokit.paginate(octokit.rest.git.listMatchingRefs, { ...repo, ref: `tags/${prefix}`, per_page: 100 });
  const out: { name: string; sha: string }[] = [];
  const annotated = new Map<string, string>();
  for (const ref of refs) {
    const name = ref.ref.replace(/^refs\/tags\//, "");
    if (ref.object.type === "commit") out.push({ name, sha: ref.object.sha });
    else if (ref.object.type === "tag") annotated.set(name, ref.object.sha);
  }
  for (const name of toPeel([...annotated.keys()])) {
    const tagSha = annotated.get(name);
    if (tagSha === undefined) continue;
    const { data } = await octokit.rest.git.getTag({ ...repo, tag_sha: tagSha });
    if (data.object.type === "commit") out.push({ name, sha: data.object.sha });
  }
  return out;
}
