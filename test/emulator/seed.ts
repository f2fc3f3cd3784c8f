// Seeding helpers: put a repository into the state a scenario starts from, without HTTP, writing
// through the same operations the routes use so seeded and bot-made state look alike.
import { branchSha, commitFiles, ensureTag, newIssue, signature } from "./repo-ops.js";
import { type AppInfo, type Repo, type Store, type User, now } from "./store.js";

export interface CreateRepoOptions {
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch?: string;
  /** Files of the first commit; a README when absent. */
  readonly files?: Readonly<Record<string, string>>;
  /**
   * The app's installation covering it: `null` when the app is not installed there; absent, the
   * owner's all-repositories installation (`gh.addInstallation`) or else installation 1, which
   * holds every seeded repository whatever its owner unless a test says otherwise.
   */
  readonly installationId?: number | null;
  /** A private repository is invisible (404) to installation tokens that do not cover it. */
  readonly private?: boolean;
}

export interface SeededRepo {
  readonly id: number;
  readonly owner: string;
  readonly repo: string;
  readonly defaultBranch: string;
  readonly headSha: string;
  readonly installationId: number | undefined;
}

export interface MergedPullRequestOptions {
  readonly owner: string;
  readonly repo: string;
  readonly title: string;
  readonly number?: number;
  readonly body?: string;
  readonly labels?: readonly string[];
  readonly author?: string;
  readonly files?: Readonly<Record<string, string | null>>;
  readonly mergedAt?: string;
  /** Branch it merged into; the default branch when absent. */
  readonly base?: string;
}

export interface OpenPullRequestOptions {
  readonly owner: string;
  readonly repo: string;
  readonly title: string;
  readonly head: string;
  readonly base?: string;
  readonly body?: string;
  readonly labels?: readonly string[];
  readonly author?: string;
  /** The owner of a fork the pull request comes from; the head branch is then that fork's. */
  readonly fork?: string;
}

export interface IssueOptions {
  readonly owner: string;
  readonly repo: string;
  readonly title: string;
  readonly body?: string;
  readonly labels?: readonly string[];
  readonly author?: string;
  readonly state?: "open" | "closed";
}

export interface ReleaseOptions {
  readonly owner: string;
  readonly repo: string;
  readonly tag: string;
  readonly target?: string;
  readonly name?: string;
  readonly body?: string;
  readonly draft?: boolean;
  readonly prerelease?: boolean;
  readonly publishedAt?: string;
}

export interface DeploymentOptions {
  readonly owner: string;
  readonly repo: string;
  readonly environment: string;
  readonly ref: string;
  readonly payload?: unknown;
  readonly task?: string;
  /** Statuses in the order they happened; the last one is the deployment's state. */
  readonly statuses?: readonly string[];
  readonly creator?: string;
}

// GitHub names app accounts `<slug>[bot]`; the suffix is how bots tell their own writes apart.
function user(login: string): User {
  return { login, type: login.endsWith("[bot]") ? "Bot" : "User" };
}

export function mustRepo(store: Store, owner: string, name: string): Repo {
  const repo = store.repo(owner, name);
  if (!repo) throw new Error(`emulator: no repository ${owner}/${name}; call createRepo first`);
  return repo;
}

export function createRepo(store: Store, options: CreateRepoOptions): SeededRepo {
  const defaultBranch = options.defaultBranch ?? "main";
  const installationId = options.installationId === null ? undefined : (options.installationId ?? store.installationFor(options.owner) ?? 1);
  if (store.repo(options.owner, options.repo)) throw new Error(`emulator: ${options.owner}/${options.repo} exists`);
  const repo = store.addRepo(options.owner, options.repo, defaultBranch, installationId, options.private ?? false);
  const files = options.files ?? { "README.md": `# ${options.repo}\n` };
  const headSha = commitFiles(repo, defaultBranch, files, "Initial commit", options.owner);
  return { id: repo.id, owner: repo.owner, repo: repo.name, defaultBranch, headSha, installationId };
}

export function createBranch(store: Store, owner: string, name: string, branch: string, from?: string): string {
  const repo = mustRepo(store, owner, name);
  const sha = repo.git.resolve(from ?? repo.defaultBranch);
  if (!sha) throw new Error(`emulator: cannot resolve ${from ?? repo.defaultBranch}`);
  repo.git.refs.set(`refs/heads/${branch}`, sha);
  return sha;
}

export function addTag(store: Store, owner: string, name: string, tag: string, ref: string, message?: string): string {
  const repo = mustRepo(store, owner, name);
  const sha = repo.git.resolve(ref);
  if (!sha) throw new Error(`emulator: cannot resolve ${ref}`);
  // With a message the tag is annotated, as `git tag -a` makes it.
  const target = message === undefined ? sha : repo.git.put({ type: "tag", tag, object: sha, objectType: "commit", message, tagger: signature(owner) });
  repo.git.refs.set(`refs/tags/${tag}`, target);
  return target;
}

export function addMergedPullRequest(store: Store, options: MergedPullRequestOptions): { number: number; mergeCommitSha: string } {
  const repo = mustRepo(store, options.owner, options.repo);
  if (options.number !== undefined && repo.issues.has(options.number)) throw new Error(`emulator: #${options.number} exists`);
  const author = options.author ?? "octocat";
  const mergedAt = options.mergedAt ?? now();
  const base = options.base ?? repo.defaultBranch;
  const baseSha = branchSha(repo, base) ?? "";
  const id = store.id();
  const number = options.number ?? repo.nextNumber;
  // Squash-merge: one commit on the base branch named after the PR, as most teams merge.
  const sha = commitFiles(repo, base, options.files ?? {}, `${options.title} (#${number})`, author, mergedAt);
  // An explicit number may leave gaps, as deleted issues and other repos' numbering do.
  const next = repo.nextNumber;
  repo.nextNumber = number;
  newIssue(repo, id, { title: options.title, body: options.body ?? null, labels: [...(options.labels ?? [])], user: user(author), isPullRequest: true });
  repo.nextNumber = Math.max(next, number + 1);
  const issue = repo.issues.get(number);
  if (issue) Object.assign(issue, { state: "closed", closed_at: mergedAt, created_at: mergedAt, updated_at: mergedAt });
  repo.pulls.set(number, {
    number,
    id,
    headRef: `pr-${number}`,
    headLabel: `${repo.owner}:pr-${number}`,
    headSha: sha,
    baseRef: base,
    baseSha,
    draft: false,
    merged_at: mergedAt,
    merge_commit_sha: sha,
  });
  return { number, mergeCommitSha: sha };
}

export function openPullRequest(store: Store, options: OpenPullRequestOptions): number {
  const repo = mustRepo(store, options.owner, options.repo);
  const base = options.base ?? repo.defaultBranch;
  const headSha = branchSha(repo, options.head);
  if (!headSha) throw new Error(`emulator: no branch ${options.head}`);
  const id = store.id();
  const number = newIssue(repo, id, {
    title: options.title,
    body: options.body ?? null,
    labels: [...(options.labels ?? [])],
    user: user(options.author ?? "octocat"),
    isPullRequest: true,
  });
  repo.pulls.set(number, {
    number,
    id,
    headRef: options.head,
    headLabel: `${options.fork ?? repo.owner}:${options.head}`,
    ...(options.fork === undefined ? {} : { forkOwner: options.fork }),
    headSha,
    baseRef: base,
    baseSha: branchSha(repo, base) ?? "",
    draft: false,
    merged_at: null,
    merge_commit_sha: null,
  });
  return number;
}

export function addIssue(store: Store, options: IssueOptions): number {
  const repo = mustRepo(store, options.owner, options.repo);
  const number = newIssue(repo, store.id(), {
    title: options.title,
    body: options.body ?? null,
    labels: [...(options.labels ?? [])],
    user: user(options.author ?? "octocat"),
    isPullRequest: false,
  });
  const issue = repo.issues.get(number);
  if (issue && options.state === "closed") Object.assign(issue, { state: "closed", closed_at: now(), state_reason: "completed" });
  return number;
}

export function addComment(store: Store, owner: string, name: string, number: number, body: string, author = "octocat"): number {
  const repo = mustRepo(store, owner, name);
  if (!repo.issues.has(number)) throw new Error(`emulator: no issue #${number}`);
  const at = now();
  const id = store.id();
  repo.comments.push({ id, issueNumber: number, body, user: user(author), created_at: at, updated_at: at });
  return id;
}

export function addReview(store: Store, owner: string, name: string, number: number, login: string, state = "APPROVED"): number {
  const repo = mustRepo(store, owner, name);
  const pull = repo.pulls.get(number);
  if (!pull) throw new Error(`emulator: no pull request #${number}`);
  const id = store.id();
  // A review is of the pull request's head when it is given; the branch may have moved since it was opened.
  const head = repo.issues.get(number)?.state === "open" ? (branchSha(repo, pull.headRef) ?? pull.headSha) : pull.headSha;
  repo.reviews.push({ id, pullNumber: number, user: user(login), state, body: "", commit_id: head, submitted_at: now() });
  return id;
}

export function addRelease(store: Store, options: ReleaseOptions): number {
  const repo = mustRepo(store, options.owner, options.repo);
  const id = store.id();
  const target = options.target ?? repo.defaultBranch;
  const draft = options.draft ?? false;
  if (!draft) ensureTag(repo, options.tag, target);
  const at = options.publishedAt ?? now();
  repo.releases.push({
    id,
    tag_name: options.tag,
    target_commitish: target,
    name: options.name ?? options.tag,
    body: options.body ?? "",
    draft,
    prerelease: options.prerelease ?? false,
    make_latest: undefined,
    author: user(options.owner),
    created_at: at,
    published_at: draft ? null : at,
  });
  return id;
}

/** The app GitHub names on the check runs of Actions workflows: the CI a test seeds. */
export const GITHUB_ACTIONS: AppInfo = { id: 15368, slug: "github-actions", name: "GitHub Actions" };

export function addCheckRun(store: Store, owner: string, name: string, sha: string, checkName: string, conclusion: string | null): number {
  const repo = mustRepo(store, owner, name);
  const head = repo.git.resolve(sha) ?? sha;
  const id = store.id();
  const at = now();
  repo.checkRuns.push({
    id,
    name: checkName,
    head_sha: head,
    status: conclusion === null ? "in_progress" : "completed",
    conclusion,
    details_url: null,
    external_id: null,
    output: { title: null, summary: null, text: null },
    started_at: at,
    completed_at: conclusion === null ? null : at,
    app: GITHUB_ACTIONS,
  });
  return id;
}

/**
 * CI outside GitHub Apps (Jenkins, an external service) reports a commit status, as `creator`
 * (a person's or CI's token) would through POST statuses/{sha}; returns the status id.
 */
export function addCommitStatus(
  store: Store,
  owner: string,
  name: string,
  sha: string,
  context: string,
  state: "error" | "failure" | "pending" | "success",
  creator = "jenkins",
): number {
  const repo = mustRepo(store, owner, name);
  const head = repo.git.resolve(sha) ?? sha;
  const id = store.id();
  const at = now();
  repo.commitStatuses.push({ id, sha: head, state, context, description: null, target_url: null, creator: user(creator), created_at: at, updated_at: at });
  return id;
}

export function addDeployment(store: Store, options: DeploymentOptions): number {
  const repo = mustRepo(store, options.owner, options.repo);
  const sha = repo.git.resolve(options.ref);
  if (!sha) throw new Error(`emulator: cannot resolve ${options.ref}`);
  const id = store.id();
  const at = now();
  const creator = user(options.creator ?? store.botUser.login);
  repo.deployments.push({
    id,
    sha,
    ref: options.ref,
    task: options.task ?? "deploy",
    payload: options.payload ?? {},
    environment: options.environment,
    original_environment: options.environment,
    description: null,
    transient_environment: false,
    production_environment: options.environment === "production",
    creator,
    created_at: at,
    updated_at: at,
  });
  for (const state of options.statuses ?? []) {
    repo.deploymentStatuses.push({
      id: store.id(),
      deploymentId: id,
      state,
      description: "",
      environment: options.environment,
      environment_url: "",
      log_url: "",
      target_url: "",
      creator,
      created_at: at,
      updated_at: at,
    });
  }
  return id;
}

export function commitOnBranch(
  store: Store,
  owner: string,
  name: string,
  branch: string,
  files: Readonly<Record<string, string | null>>,
  message: string,
  author: string,
  date?: string,
): string {
  return commitFiles(mustRepo(store, owner, name), branch, files, message, author, date);
}
