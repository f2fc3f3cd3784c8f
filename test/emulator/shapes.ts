// Response bodies in GitHub's shapes. Only fields clients commonly read are filled in; the rest
// of GitHub's large objects are left out rather than invented.
import type { RouteContext } from "./http.js";
import type { AppInfo, CheckRun, Comment, Deployment, DeploymentStatus, Issue, PullRequest, Reaction, Release, Repo, Review, User } from "./store.js";
import type { Signature } from "./git.js";

type Urls = Pick<RouteContext, "apiUrl" | "webUrl">;

function nodeId(kind: string, id: number | string): string {
  return Buffer.from(`${kind}:${id}`).toString("base64").replace(/=+$/, "");
}

// A stable numeric id per login, so `user.id` does not change between calls.
function userId(login: string): number {
  let hash = 7;
  for (const char of login) hash = (hash * 31 + char.charCodeAt(0)) % 1_000_000;
  return hash + 1;
}

export function userShape(u: Urls, user: User): Record<string, unknown> {
  const id = userId(user.login);
  return {
    login: user.login,
    id,
    node_id: nodeId("User", id),
    type: user.type,
    site_admin: false,
    avatar_url: `${u.webUrl}/avatars/${user.login}`,
    url: `${u.apiUrl}/users/${user.login}`,
    html_url: `${u.webUrl}/${user.login}`,
  };
}

export function repoShape(u: Urls, repo: Repo): Record<string, unknown> {
  const owner: User = { login: repo.owner, type: "User" };
  return {
    id: repo.id,
    node_id: nodeId("Repository", repo.id),
    name: repo.name,
    full_name: `${repo.owner}/${repo.name}`,
    owner: userShape(u, owner),
    private: repo.private,
    default_branch: repo.defaultBranch,
    url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}`,
    html_url: `${u.webUrl}/${repo.owner}/${repo.name}`,
  };
}

/**
 * A fork of the repository under another owner, as a fork pull request's `head.repo` shows it:
 * the fork's own repository (`full_name` `<forker>/<name>`, `fork: true`), while `base.repo` is
 * this one; GitHub's OpenAPI `pull-request` schema has `head.repo` as a nullable repository
 * (null once the fork is deleted), https://docs.github.com/rest/pulls/pulls#get-a-pull-request.
 */
function forkShape(u: Urls, repo: Repo, owner: string): Record<string, unknown> {
  return {
    ...repoShape(u, repo),
    id: userId(`fork:${owner}/${repo.name}`),
    node_id: nodeId("Repository", userId(`fork:${owner}/${repo.name}`)),
    full_name: `${owner}/${repo.name}`,
    owner: userShape(u, { login: owner, type: "User" }),
    fork: true,
    url: `${u.apiUrl}/repos/${owner}/${repo.name}`,
    html_url: `${u.webUrl}/${owner}/${repo.name}`,
  };
}

function repoUrl(u: Urls, repo: Repo): string {
  return `${u.apiUrl}/repos/${repo.owner}/${repo.name}`;
}

function repoHtml(u: Urls, repo: Repo): string {
  return `${u.webUrl}/${repo.owner}/${repo.name}`;
}

export function labelShape(u: Urls, repo: Repo, name: string): Record<string, unknown> {
  const id = userId(`label:${name}`);
  return {
    id,
    node_id: nodeId("Label", id),
    name,
    color: "ededed",
    default: false,
    description: null,
    url: `${repoUrl(u, repo)}/labels/${encodeURIComponent(name)}`,
  };
}

export function issueShape(u: Urls, repo: Repo, issue: Issue): Record<string, unknown> {
  const comments = repo.comments.filter((c) => c.issueNumber === issue.number).length;
  return {
    id: issue.id,
    node_id: nodeId("Issue", issue.id),
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    state_reason: issue.state_reason,
    locked: false,
    labels: issue.labels.map((name) => labelShape(u, repo, name)),
    user: userShape(u, issue.user),
    assignees: issue.assignees.map((login) => userShape(u, { login, type: "User" })),
    comments,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: repo.permissions.has(issue.user.login) ? "COLLABORATOR" : "NONE",
    url: `${repoUrl(u, repo)}/issues/${issue.number}`,
    html_url: `${repoHtml(u, repo)}/${issue.isPullRequest ? "pull" : "issues"}/${issue.number}`,
    comments_url: `${repoUrl(u, repo)}/issues/${issue.number}/comments`,
    ...(issue.isPullRequest
      ? {
          pull_request: {
            url: `${repoUrl(u, repo)}/pulls/${issue.number}`,
            html_url: `${repoHtml(u, repo)}/pull/${issue.number}`,
            merged_at: repo.pulls.get(issue.number)?.merged_at ?? null,
          },
        }
      : {}),
  };
}

// A PR answers with its issue's fields plus head/base; the issue-only `pull_request` link
// is dropped because the pulls API does not carry it.
export function pullShape(u: Urls, repo: Repo, pull: PullRequest, issue: Issue): Record<string, unknown> {
  const base = issueShape(u, repo, issue);
  const side = (ref: string, sha: string, label: string, forkOwner?: string): Record<string, unknown> => ({
    ref,
    sha,
    label,
    user: userShape(u, { login: forkOwner ?? repo.owner, type: "User" }),
    repo: forkOwner === undefined ? repoShape(u, repo) : forkShape(u, repo, forkOwner),
  });
  return {
    ...base,
    id: pull.id,
    node_id: nodeId("PullRequest", pull.id),
    url: `${repoUrl(u, repo)}/pulls/${pull.number}`,
    html_url: `${repoHtml(u, repo)}/pull/${pull.number}`,
    issue_url: `${repoUrl(u, repo)}/issues/${pull.number}`,
    pull_request: undefined,
    head: side(pull.headRef, pull.headSha, pull.headLabel, pull.forkOwner),
    base: side(pull.baseRef, pull.baseSha, `${repo.owner}:${pull.baseRef}`),
    draft: pull.draft,
    merged: pull.merged_at !== null,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.merge_commit_sha,
    mergeable: pull.merged_at === null && issue.state === "open" ? true : null,
  };
}

export function commentShape(u: Urls, repo: Repo, comment: Comment): Record<string, unknown> {
  return {
    id: comment.id,
    node_id: nodeId("IssueComment", comment.id),
    body: comment.body,
    user: userShape(u, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: repo.permissions.has(comment.user.login) ? "COLLABORATOR" : "NONE",
    url: `${repoUrl(u, repo)}/issues/comments/${comment.id}`,
    html_url: `${repoHtml(u, repo)}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${repoUrl(u, repo)}/issues/${comment.issueNumber}`,
  };
}

export function reactionShape(u: Urls, reaction: Reaction): Record<string, unknown> {
  return {
    id: reaction.id,
    node_id: nodeId("Reaction", reaction.id),
    content: reaction.content,
    user: userShape(u, reaction.user),
    created_at: reaction.created_at,
  };
}

export function reviewShape(u: Urls, repo: Repo, review: Review): Record<string, unknown> {
  return {
    id: review.id,
    node_id: nodeId("PullRequestReview", review.id),
    user: userShape(u, review.user),
    state: review.state,
    body: review.body,
    commit_id: review.commit_id,
    submitted_at: review.submitted_at,
    author_association: repo.permissions.has(review.user.login) ? "COLLABORATOR" : "NONE",
    html_url: `${repoHtml(u, repo)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`,
  };
}

export function releaseShape(u: Urls, repo: Repo, release: Release): Record<string, unknown> {
  return {
    id: release.id,
    node_id: nodeId("Release", release.id),
    tag_name: release.tag_name,
    target_commitish: release.target_commitish,
    name: release.name,
    body: release.body,
    draft: release.draft,
    prerelease: release.prerelease,
    author: userShape(u, release.author),
    created_at: release.created_at,
    published_at: release.published_at,
    assets: [],
    url: `${repoUrl(u, repo)}/releases/${release.id}`,
    html_url: `${repoHtml(u, repo)}/releases/${release.draft ? `untagged-${release.id}` : `tag/${release.tag_name}`}`,
    upload_url: `${u.webUrl}/uploads/repos/${repo.owner}/${repo.name}/releases/${release.id}/assets{?name,label}`,
    tarball_url: `${repoUrl(u, repo)}/tarball/${release.tag_name}`,
    zipball_url: `${repoUrl(u, repo)}/zipball/${release.tag_name}`,
  };
}

export function deploymentShape(u: Urls, repo: Repo, d: Deployment): Record<string, unknown> {
  return {
    id: d.id,
    node_id: nodeId("Deployment", d.id),
    sha: d.sha,
    ref: d.ref,
    task: d.task,
    payload: d.payload,
    environment: d.environment,
    original_environment: d.original_environment,
    description: d.description,
    creator: userShape(u, d.creator),
    // Who made it is `creator`: the app's bot user for the app's deployments, the person for a
    // person's. `performed_via_github_app` is null for both, as in GitHub's recorded traffic
    // (@octokit/webhooks-examples: deployment_status.created by github-pages[bot] has it null).
    performed_via_github_app: null,
    created_at: d.created_at,
    updated_at: d.updated_at,
    transient_environment: d.transient_environment,
    production_environment: d.production_environment,
    url: `${repoUrl(u, repo)}/deployments/${d.id}`,
    statuses_url: `${repoUrl(u, repo)}/deployments/${d.id}/statuses`,
    repository_url: repoUrl(u, repo),
  };
}

export function deploymentStatusShape(u: Urls, repo: Repo, s: DeploymentStatus): Record<string, unknown> {
  return {
    id: s.id,
    node_id: nodeId("DeploymentStatus", s.id),
    state: s.state,
    description: s.description,
    environment: s.environment,
    environment_url: s.environment_url,
    log_url: s.log_url,
    target_url: s.target_url,
    creator: userShape(u, s.creator),
    created_at: s.created_at,
    updated_at: s.updated_at,
    url: `${repoUrl(u, repo)}/deployments/${s.deploymentId}/statuses/${s.id}`,
    deployment_url: `${repoUrl(u, repo)}/deployments/${s.deploymentId}`,
    repository_url: repoUrl(u, repo),
  };
}

export function checkRunShape(u: Urls, repo: Repo, run: CheckRun, app: AppInfo): Record<string, unknown> {
  return {
    ...run,
    node_id: nodeId("CheckRun", run.id),
    url: `${repoUrl(u, repo)}/check-runs/${run.id}`,
    html_url: `${repoHtml(u, repo)}/runs/${run.id}`,
    app: run.app ?? app,
    pull_requests: [],
  };
}

export function gitUserShape(sig: Signature): Record<string, unknown> {
  return { name: sig.name, email: sig.email, date: sig.date };
}

/** A commit as the commits API shows it (`GET /repos/{o}/{r}/commits/{ref}` and lists). */
export function commitShape(u: Urls, repo: Repo, sha: string): Record<string, unknown> {
  const commit = repo.git.get(sha, "commit");
  if (!commit) return { sha };
  const login = (sig: Signature): Record<string, unknown> | null =>
    sig.email.endsWith("@users.noreply.github.com")
      ? userShape(u, { login: sig.email.split("@")[0] ?? sig.name, type: "User" })
      : userShape(u, { login: sig.name, type: sig.name.endsWith("[bot]") ? "Bot" : "User" });
  return {
    sha,
    node_id: nodeId("Commit", sha),
    commit: {
      message: commit.message,
      author: gitUserShape(commit.author),
      committer: gitUserShape(commit.committer),
      tree: { sha: commit.tree, url: `${repoUrl(u, repo)}/git/trees/${commit.tree}` },
      url: `${repoUrl(u, repo)}/git/commits/${sha}`,
      comment_count: 0,
    },
    // GitHub links a commit to an account by email; noreply addresses carry the login.
    author: login(commit.author),
    committer: login(commit.committer),
    parents: commit.parents.map((p) => ({
      sha: p,
      url: `${repoUrl(u, repo)}/commits/${p}`,
      html_url: `${repoHtml(u, repo)}/commit/${p}`,
    })),
    url: `${repoUrl(u, repo)}/commits/${sha}`,
    html_url: `${repoHtml(u, repo)}/commit/${sha}`,
  };
}

export function refShape(u: Urls, repo: Repo, ref: string, sha: string): Record<string, unknown> {
  const type = repo.git.objects.get(sha)?.type ?? "commit";
  return {
    ref,
    node_id: nodeId("Ref", `${repo.id}:${ref}`),
    url: `${repoUrl(u, repo)}/git/${ref}`,
    object: { sha, type, url: `${repoUrl(u, repo)}/git/${type}s/${sha}` },
  };
}
