// The objects inside webhook payloads. GitHub's webhook schemas (the `x-webhooks` of its OpenAPI
// description) require more fields than the REST answers in shapes.ts fill in (a repository has
// 73 required fields, a user 18), so each is the REST shape completed with the fields the schema
// requires, valued as in @octokit/webhooks-examples. webhooks.test.ts validates every payload the
// emulator sends against that schema.
import type { Signature } from "./git.js";
import {
  checkRunShape,
  commentShape,
  commitShape,
  deploymentShape,
  deploymentStatusShape,
  issueShape,
  labelShape,
  pullShape,
  releaseShape,
  repoShape,
  userShape,
} from "./shapes.js";
import type { AppInfo, CheckRun, Comment, CommitStatus, Deployment, DeploymentStatus, Issue, PullRequest, Release, Repo, Store, User } from "./store.js";

export interface Urls {
  readonly apiUrl: string;
  readonly webUrl: string;
}

const EPOCH = "2024-01-01T00:00:00Z";

/** `simple-user-webhooks`: the REST user plus every `*_url` GitHub fills in. */
export function hookUser(u: Urls, user: User): Record<string, unknown> {
  // A bot's `[bot]` is percent-encoded in its URLs ("url": ".../users/github-pages%5Bbot%5D" in
  // @octokit/webhooks-examples), which the schema's `format: uri` requires.
  const login = encodeURIComponent(user.login);
  const api = `${u.apiUrl}/users/${login}`;
  const base = { ...userShape(u, user), url: api, html_url: `${u.webUrl}/${login}`, avatar_url: `${u.webUrl}/avatars/${login}` };
  return {
    ...base,
    gravatar_id: "",
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    user_view_type: "public",
  };
}

const REPO_URLS: Readonly<Record<string, string>> = {
  forks_url: "/forks",
  keys_url: "/keys{/key_id}",
  collaborators_url: "/collaborators{/collaborator}",
  teams_url: "/teams",
  hooks_url: "/hooks",
  issue_events_url: "/issues/events{/number}",
  events_url: "/events",
  assignees_url: "/assignees{/user}",
  branches_url: "/branches{/branch}",
  tags_url: "/tags",
  blobs_url: "/git/blobs{/sha}",
  git_tags_url: "/git/tags{/sha}",
  git_refs_url: "/git/refs{/sha}",
  trees_url: "/git/trees{/sha}",
  statuses_url: "/statuses/{sha}",
  languages_url: "/languages",
  stargazers_url: "/stargazers",
  contributors_url: "/contributors",
  subscribers_url: "/subscribers",
  subscription_url: "/subscription",
  commits_url: "/commits{/sha}",
  git_commits_url: "/git/commits{/sha}",
  comments_url: "/comments{/number}",
  issue_comment_url: "/issues/comments{/number}",
  contents_url: "/contents/{+path}",
  compare_url: "/compare/{base}...{head}",
  merges_url: "/merges",
  archive_url: "/{archive_format}{/ref}",
  downloads_url: "/downloads",
  issues_url: "/issues{/number}",
  pulls_url: "/pulls{/number}",
  milestones_url: "/milestones{/number}",
  notifications_url: "/notifications{?since,all,participating}",
  labels_url: "/labels{/name}",
  releases_url: "/releases{/id}",
  deployments_url: "/deployments",
};

/**
 * `repository-webhooks`. A push payload's repository differs: its `created_at` and `pushed_at`
 * are Unix timestamps and its owner carries `name` and `email` (webhooks-examples, push), which
 * `forPush` gives.
 */
export function hookRepo(u: Urls, repo: Repo, forPush = false): Record<string, unknown> {
  const base = repoShape(u, repo);
  const api = String(base["url"]);
  const html = String(base["html_url"]);
  const urls = Object.fromEntries(Object.entries(REPO_URLS).map(([key, tail]) => [key, `${api}${tail}`]));
  const owner = hookUser(u, { login: repo.owner, type: "User" });
  const open = [...repo.issues.values()].filter((i) => i.state === "open").length;
  return {
    ...base,
    ...urls,
    owner: forPush ? { ...owner, name: repo.owner, email: null } : owner,
    description: null,
    fork: false,
    created_at: forPush ? Math.floor(Date.parse(EPOCH) / 1000) : EPOCH,
    updated_at: EPOCH,
    pushed_at: forPush ? Math.floor(Date.now() / 1000) : new Date().toISOString().replace(/\.\d{3}Z$/, "Z"),
    git_url: `git://${new URL(html).host}/${repo.owner}/${repo.name}.git`,
    ssh_url: `git@${new URL(html).host}:${repo.owner}/${repo.name}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: "public",
    forks: 0,
    open_issues: open,
    watchers: 0,
    ...(forPush ? { stargazers: 0, master_branch: repo.defaultBranch } : {}),
  };
}

const NO_REACTIONS = { total_count: 0, "+1": 0, "-1": 0, laugh: 0, confused: 0, heart: 0, hooray: 0, eyes: 0, rocket: 0 };

function reactions(url: string): Record<string, unknown> {
  return { url: `${url}/reactions`, ...NO_REACTIONS };
}

/** The installation the repository's events are sent for. */
export function hookInstallation(repo: Repo): Record<string, unknown> {
  return { id: repo.installationId, node_id: Buffer.from(`Installation:${repo.installationId}`).toString("base64").replace(/=+$/, "") };
}

export function hookIssue(u: Urls, repo: Repo, issue: Issue): Record<string, unknown> {
  const base = issueShape(u, repo, issue);
  const url = String(base["url"]);
  return {
    ...base,
    user: hookUser(u, issue.user),
    assignees: issue.assignees.map((login) => hookUser(u, { login, type: "User" })),
    assignee: issue.assignees[0] === undefined ? null : hookUser(u, { login: issue.assignees[0], type: "User" }),
    repository_url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}`,
    labels_url: `${url}/labels{/name}`,
    events_url: `${url}/events`,
    milestone: null,
    active_lock_reason: null,
    performed_via_github_app: null,
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
  };
}

export function hookLabel(u: Urls, repo: Repo, name: string): Record<string, unknown> {
  return labelShape(u, repo, name);
}

export function hookComment(u: Urls, repo: Repo, comment: Comment): Record<string, unknown> {
  const base = commentShape(u, repo, comment);
  return { ...base, user: hookUser(u, comment.user), performed_via_github_app: null, reactions: reactions(String(base["url"])) };
}

export function hookPull(u: Urls, repo: Repo, pull: PullRequest, issue: Issue, mergedBy: User | undefined): Record<string, unknown> {
  const base = pullShape(u, repo, pull, issue);
  const url = String(base["url"]);
  const html = String(base["html_url"]);
  const issueUrl = String(base["issue_url"]);
  const side = (key: "head" | "base"): Record<string, unknown> => {
    const s = base[key] as Record<string, unknown>;
    return { ...s, user: hookUser(u, { login: repo.owner, type: "User" }), repo: hookRepo(u, repo) };
  };
  const changed = repo.git.diff(repo.git.mergeBase(pull.baseSha, pull.headSha), pull.headSha);
  const { pull_request: _drop, reactions: _r, ...rest } = hookIssue(u, repo, issue);
  return {
    ...rest,
    ...base,
    user: hookUser(u, issue.user),
    assignees: [],
    assignee: null,
    head: side("head"),
    base: side("base"),
    requested_reviewers: [],
    requested_teams: [],
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/statuses/${pull.headSha}`,
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/statuses/${pull.headSha}` },
    },
    auto_merge: null,
    merged_by: mergedBy === undefined ? null : hookUser(u, mergedBy),
    mergeable_state: pull.merged_at === null && issue.state === "open" ? "clean" : "unknown",
    maintainer_can_modify: false,
    rebaseable: null,
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    review_comments: 0,
    commits: 1,
    additions: changed.length,
    deletions: 0,
    changed_files: changed.length,
  };
}

export function hookRelease(u: Urls, repo: Repo, release: Release): Record<string, unknown> {
  const base = releaseShape(u, repo, release);
  return {
    ...base,
    author: hookUser(u, release.author),
    assets_url: `${String(base["url"])}/assets`,
    updated_at: release.published_at ?? release.created_at,
    immutable: false,
  };
}

export function hookDeployment(u: Urls, repo: Repo, d: Deployment): Record<string, unknown> {
  return { ...deploymentShape(u, repo, d), creator: hookUser(u, d.creator) };
}

export function hookDeploymentStatus(u: Urls, repo: Repo, s: DeploymentStatus): Record<string, unknown> {
  // URLs nobody gave are left out, as in the recorded deployment_status payloads.
  const { environment_url, log_url, ...rest } = deploymentStatusShape(u, repo, s);
  return {
    ...rest,
    ...(environment_url ? { environment_url } : {}),
    ...(log_url ? { log_url } : {}),
    creator: hookUser(u, s.creator),
    performed_via_github_app: null,
  };
}

/** A GitHub App as webhook payloads name it (a check run's `app`). */
function hookApp(u: Urls, app: AppInfo, store: Store): Record<string, unknown> {
  return {
    id: app.id,
    slug: app.slug,
    node_id: Buffer.from(`App:${app.id}`).toString("base64").replace(/=+$/, ""),
    owner: hookUser(u, { login: "release-pilot", type: "User" }),
    name: app.name,
    description: null,
    external_url: `${u.webUrl}/apps/${app.slug}`,
    html_url: `${u.webUrl}/apps/${app.slug}`,
    created_at: EPOCH,
    updated_at: EPOCH,
    permissions: app.id === store.app.id ? { ...store.appPermissions } : {},
    events: [],
  };
}

export function hookCheckRun(u: Urls, repo: Repo, run: CheckRun, store: Store): Record<string, unknown> {
  const base = checkRunShape(u, repo, run, store.app);
  const app = hookApp(u, run.app ?? store.app, store);
  const suiteId = Number.parseInt(run.head_sha.slice(0, 8), 16);
  return {
    ...base,
    app,
    // "If the integrator does not provide this, then the homepage of the GitHub app is used"
    // (REST docs, Create a check run, `details_url`); `external_id` is "" when not given, as recorded.
    details_url: run.details_url ?? app["html_url"],
    external_id: run.external_id ?? "",
    output: {
      ...run.output,
      annotations_count: run.annotations?.length ?? 0,
      annotations_url: `${String(base["url"])}/annotations`,
    },
    check_suite: {
      id: suiteId,
      node_id: Buffer.from(`CheckSuite:${suiteId}`).toString("base64").replace(/=+$/, ""),
      head_branch: null,
      head_sha: run.head_sha,
      status: run.status,
      conclusion: run.conclusion,
      url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/check-suites/${suiteId}`,
      before: null,
      after: run.head_sha,
      pull_requests: [],
      app,
      created_at: run.started_at ?? EPOCH,
      updated_at: run.completed_at ?? run.started_at ?? EPOCH,
    },
  };
}

/** A commit as a push payload lists it: files changed against its first parent. */
export function hookCommit(u: Urls, repo: Repo, sha: string): Record<string, unknown> {
  const commit = repo.git.get(sha, "commit");
  const changes = repo.git.diff(commit?.parents[0], sha);
  const person = (sig: Signature | undefined): Record<string, unknown> => ({
    name: sig?.name ?? "",
    email: sig?.email ?? "",
    ...(sig?.email.endsWith("@users.noreply.github.com") ? { username: sig.email.split("@")[0] } : sig?.name ? { username: sig.name } : {}),
  });
  return {
    id: sha,
    tree_id: commit?.tree ?? "",
    distinct: true,
    message: commit?.message ?? "",
    timestamp: commit?.committer.date ?? EPOCH,
    url: `${u.webUrl}/${repo.owner}/${repo.name}/commit/${sha}`,
    author: person(commit?.author),
    committer: person(commit?.committer),
    added: changes.filter((c) => c.status === "added").map((c) => c.filename),
    removed: changes.filter((c) => c.status === "removed").map((c) => c.filename),
    modified: changes.filter((c) => c.status === "modified").map((c) => c.filename),
  };
}

/**
 * A `status` event's own fields: the status, the commit as the commits API shows it (with its
 * `verification`), and the branches whose head it is. Source: the webhook schema `status` in the
 * OpenAPI description's `x-webhooks` ("Webhook events and payloads", status).
 */
export function hookStatus(u: Urls, repo: Repo, status: CommitStatus): Record<string, unknown> {
  const branches = [...repo.git.refs]
    .filter(([ref, sha]) => ref.startsWith("refs/heads/") && sha === status.sha)
    .map(([ref]) => ({
      name: ref.slice("refs/heads/".length),
      commit: { sha: status.sha, url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${status.sha}` },
      protected: repo.protections.has(ref.slice("refs/heads/".length)),
    }));
  const commit = commitShape(u, repo, status.sha);
  const inner = commit["commit"] as Record<string, unknown> | undefined;
  return {
    id: status.id,
    sha: status.sha,
    name: `${repo.owner}/${repo.name}`,
    target_url: status.target_url,
    avatar_url: null,
    context: status.context,
    description: status.description,
    state: status.state,
    commit: {
      ...commit,
      comments_url: `${u.apiUrl}/repos/${repo.owner}/${repo.name}/commits/${status.sha}/comments`,
      commit: { ...inner, verification: { verified: false, reason: "unsigned", signature: null, payload: null, verified_at: null } },
    },
    branches,
    created_at: status.created_at,
    updated_at: status.updated_at,
  };
}
