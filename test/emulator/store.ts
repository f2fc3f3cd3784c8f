// The emulator's in-memory world. Records keep GitHub's own field names where a bot reads them,
// so the route handlers only have to add URLs and nested user objects when answering.
import { GitRepo } from "./git.js";
import type { BranchProtection, Ruleset } from "./protection.js";
import type { Webhooks } from "./webhooks.js";

export interface User {
  readonly login: string;
  readonly type: "User" | "Bot";
}

export interface Issue {
  number: number;
  id: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  labels: string[];
  user: User;
  assignees: string[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  /** Pull requests share the issue numbering and appear in the issues API. */
  isPullRequest: boolean;
}

export interface PullRequest {
  number: number;
  id: number;
  headRef: string;
  /** `owner:branch` as GitHub labels the head: the fork's owner for a pull request from a fork. */
  headLabel: string;
  /**
   * The owner of the fork the head lives in (`forker/<same name>`), for a pull request from a fork;
   * absent when the head is a branch of this repository. Its commits are kept in this repository,
   * as GitHub keeps a fork's pull request head under refs/pull/<number>/head.
   */
  forkOwner?: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  draft: boolean;
  merged_at: string | null;
  merge_commit_sha: string | null;
}

export interface Comment {
  id: number;
  issueNumber: number;
  body: string;
  user: User;
  created_at: string;
  updated_at: string;
}

export interface Reaction {
  id: number;
  content: string;
  user: User;
  created_at: string;
}

export interface Review {
  id: number;
  pullNumber: number;
  user: User;
  state: string;
  body: string;
  commit_id: string;
  submitted_at: string;
}

export interface Release {
  id: number;
  tag_name: string;
  target_commitish: string;
  name: string | null;
  body: string | null;
  draft: boolean;
  prerelease: boolean;
  make_latest: string | undefined;
  author: User;
  created_at: string;
  published_at: string | null;
}

export interface Deployment {
  id: number;
  sha: string;
  ref: string;
  task: string;
  payload: unknown;
  environment: string;
  original_environment: string;
  description: string | null;
  transient_environment: boolean;
  production_environment: boolean;
  creator: User;
  created_at: string;
  updated_at: string;
}

export interface DeploymentStatus {
  id: number;
  deploymentId: number;
  state: string;
  description: string;
  environment: string;
  environment_url: string;
  log_url: string;
  target_url: string;
  creator: User;
  created_at: string;
  updated_at: string;
}

export interface CheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion: string | null;
  details_url: string | null;
  external_id: string | null;
  output: { title: string | null; summary: string | null; text: string | null };
  /** Annotations as sent (GitHub appends each request's to the run's); absent until one is sent. */
  annotations?: { path: string; start_line: number; end_line: number; annotation_level: string; message: string }[];
  started_at: string | null;
  completed_at: string | null;
  /** The GitHub App that made it; the emulated app when absent (CI's runs name GitHub Actions). */
  app?: AppInfo;
}

/** A commit status (the Statuses API): what CI outside GitHub Apps, such as Jenkins, reports. */
export interface CommitStatus {
  id: number;
  sha: string;
  /** `error`, `failure`, `pending` or `success`. */
  state: string;
  context: string;
  description: string | null;
  target_url: string | null;
  creator: User;
  created_at: string;
  updated_at: string;
}

export interface Repo {
  readonly id: number;
  readonly owner: string;
  readonly name: string;
  defaultBranch: string;
  /** The app's installation that covers this repository; undefined where the app is not installed. */
  installationId: number | undefined;
  /** Private repositories are invisible (404) to a token that does not cover them. */
  readonly private: boolean;
  readonly git: GitRepo;
  readonly issues: Map<number, Issue>;
  readonly pulls: Map<number, PullRequest>;
  readonly comments: Comment[];
  /** Reactions keyed by `comment:<id>`, `issue:<number>` or `release:<id>`. */
  readonly reactions: Map<string, Reaction[]>;
  readonly reviews: Review[];
  readonly releases: Release[];
  readonly deployments: Deployment[];
  readonly deploymentStatuses: DeploymentStatus[];
  readonly checkRuns: CheckRun[];
  readonly commitStatuses: CommitStatus[];
  /** Login to permission (`admin`, `maintain`, `write`, `triage`, `read`, `none`). */
  readonly permissions: Map<string, string>;
  /** Classic branch protection by exact branch name (protection.ts). */
  readonly protections: Map<string, BranchProtection>;
  readonly rulesets: Ruleset[];
  /** Commits GitHub signed: those an app made through the API without its own author or committer. */
  readonly signed: Set<string>;
  nextNumber: number;
}

export interface WorkflowDispatch {
  readonly owner: string;
  readonly repo: string;
  readonly workflow_id: string;
  readonly ref: string;
  readonly inputs: Record<string, unknown>;
  readonly at: string;
  /** The run GitHub starts for the dispatch (answered with `return_run_details`). */
  readonly runId: number;
  /** The commit the run checks out: the tip of the dispatched branch or tag. */
  readonly headSha: string;
}

export interface RepositoryDispatch {
  readonly owner: string;
  readonly repo: string;
  readonly event_type: string;
  readonly client_payload: Record<string, unknown>;
  readonly at: string;
}

export interface HookDelivery {
  readonly id: number;
  readonly guid: string;
  readonly event: string;
  readonly action: string | null;
  readonly status_code: number;
  readonly delivered_at: string;
  readonly redelivery: boolean;
  readonly installation_id: number | null;
  readonly repository_id: number | null;
}

/**
 * One installation of the app: on one account, with all of its repositories (now and later) or
 * the ones chosen. A repository's `installationId` says which installation covers it.
 */
export interface Installation {
  readonly id: number;
  readonly account: string;
  readonly selection: "all" | "selected";
}

export interface AppInfo {
  readonly id: number;
  readonly slug: string;
  readonly name: string;
}

export class Store {
  readonly repos = new Map<string, Repo>();
  readonly workflowDispatches: WorkflowDispatch[] = [];
  readonly repositoryDispatches: RepositoryDispatch[] = [];
  readonly hookDeliveries: HookDelivery[] = [];
  readonly redeliveries: { deliveryId: number; at: string }[] = [];
  readonly installations = new Map<number, Installation>();
  /** Installation access tokens made by `POST /app/installations/{id}/access_tokens`, to their installation. */
  readonly tokens = new Map<string, number>();
  /** Personal tokens made by `userToken()`, so a test can act as a person over HTTP. */
  readonly userTokens = new Map<string, User>();
  /** Organisation teams by `org/team-slug` (lower case): each member's login (lower case) and membership state. */
  readonly teams = new Map<string, Map<string, "active" | "pending">>();
  /** The app's permissions (app.yml `default_permissions`), enforced on installation tokens. */
  appPermissions: Readonly<Record<string, string>> = {};
  /** The webhooks GitHub would send for each write; sent only once a test turns delivery on. */
  webhooks: Webhooks | undefined;
  /** Who the write being handled acts as (the request's token, or the person a seed helper names). */
  actor: User | undefined;
  /** Ref moves held back by `pushedAtOnce`, each ref's first `before` and last `after`. */
  private heldPushes: Map<string, { repo: Repo; ref: string; before: string | undefined; after: string | undefined; actor: User }> | undefined;
  private nextId = 1000;

  constructor(readonly app: AppInfo) {}

  /** Ids are unique across record kinds, like GitHub's, so a wrong lookup cannot hit by chance. */
  id(): number {
    this.nextId += 1;
    return this.nextId;
  }

  get botUser(): User {
    return { login: `${this.app.slug}[bot]`, type: "Bot" };
  }

  /**
   * Ref moves made by `write` are announced as one push per ref at the end, as a `git push` of
   * several commits (or a merge queue landing a batch) is one push on GitHub.
   */
  pushedAtOnce<T>(write: () => T, pusher?: User): T {
    if (this.heldPushes) return write();
    this.heldPushes = new Map();
    try {
      return write();
    } finally {
      const held = [...this.heldPushes.values()];
      this.heldPushes = undefined;
      for (const p of held) if (p.before !== p.after) this.webhooks?.push(p.repo, p.ref, p.before, p.after, pusher ?? p.actor);
    }
  }

  private announcePush(repo: Repo, ref: string, before: string | undefined, after: string | undefined): void {
    const actor = this.actor ?? { login: repo.owner, type: "User" as const };
    const key = `${repo.id}:${ref}`;
    if (this.heldPushes) {
      const held = this.heldPushes.get(key);
      this.heldPushes.set(key, { repo, ref, before: held ? held.before : before, after, actor });
      return;
    }
    this.webhooks?.push(repo, ref, before, after, actor);
  }

  /** Run a write as `user`, so the webhooks it causes name them as `sender`. */
  actingAs<T>(user: User, write: () => T): T {
    const previous = this.actor;
    this.actor = user;
    try {
      return write();
    } finally {
      this.actor = previous;
    }
  }

  repo(owner: string, name: string): Repo | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  addRepo(owner: string, name: string, defaultBranch: string, installationId: number | undefined, isPrivate = false): Repo {
    if (installationId !== undefined) this.installation(installationId, owner);
    const repo: Repo = {
      id: this.id(),
      owner,
      name,
      defaultBranch,
      installationId,
      private: isPrivate,
      git: new GitRepo(),
      issues: new Map(),
      pulls: new Map(),
      comments: [],
      reactions: new Map(),
      reviews: [],
      releases: [],
      deployments: [],
      deploymentStatuses: [],
      checkRuns: [],
      commitStatuses: [],
      permissions: new Map([[owner, "admin"]]),
      protections: new Map(),
      rulesets: [],
      signed: new Set(),
      nextNumber: 1,
    };
    this.repos.set(`${owner}/${name}`.toLowerCase(), repo);
    // Every ref change is a push: announced as whoever is acting, else the repository's owner.
    repo.git.refs.onChange = (ref, before, after) => this.announcePush(repo, ref, before, after);
    return repo;
  }

  /** The installation with this id, made (on `account`, with selected repositories) when it is new. */
  installation(id: number, account: string, selection: Installation["selection"] = "selected"): Installation {
    const known = this.installations.get(id);
    if (known) return known;
    const made: Installation = { id, account, selection };
    this.installations.set(id, made);
    return made;
  }

  /** The installation a new repository of `owner` joins: the owner's all-repositories one, if any. */
  installationFor(owner: string): number | undefined {
    return [...this.installations.values()].find((i) => i.selection === "all" && i.account.toLowerCase() === owner.toLowerCase())?.id;
  }

  installationIds(): number[] {
    return [...this.installations.keys()].sort((a, b) => a - b);
  }
}

// GitHub timestamps have second precision; matching it keeps string comparisons of dates
// (used for `since` filters and sorting) honest.
export function now(): string {
  return new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
}
