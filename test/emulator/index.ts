// The test-facing entry point: start a local GitHub on a random port, seed it, point the bot at it
// with GHE_HOST, then assert the end state, the API cost (calls) and that no request broke the
// OpenAPI contract (violations).
import type { AddressInfo } from "node:net";
import { type FaultOptions, Faults } from "./faults.js";
import { schemaNotes } from "./openapi.js";
import { type InstallationOptions, addInstallation } from "./installations.js";
import { type AppPermissions, loadAppPermissions } from "./permissions.js";
import type { BranchProtection, Ruleset } from "./protection.js";
import { announceMerged, mergePull } from "./repo-ops.js";
import { type Call, type Violation, createEmulatorServer } from "./server.js";
import * as seed from "./seed.js";
import { type Comment, type Deployment, type DeploymentStatus, type HookDelivery, type Issue, type Release, type User, Store } from "./store.js";
import { type Delivery, type WebhookSink, Webhooks, loadAppEvents } from "./webhooks.js";

export type { Call, Violation } from "./server.js";
export type { FaultOptions } from "./faults.js";
export type { BranchProtection, Ruleset, RulesetRule } from "./protection.js";
export type { Delivery, WebhookSink } from "./webhooks.js";
export type { InstallationOptions } from "./installations.js";
export type * from "./seed.js";

export interface EmulatorOptions {
  readonly appId?: number;
  readonly appSlug?: string;
  /** The app's permissions; the project's app.yml `default_permissions` when absent. */
  readonly permissions?: AppPermissions;
  /** The events the app subscribes to; the project's app.yml `default_events` when absent. */
  readonly events?: readonly string[];
}

export interface PullSummary extends Issue {
  readonly headRef: string;
  readonly headSha: string;
  readonly baseRef: string;
  readonly merged_at: string | null;
  readonly merge_commit_sha: string | null;
  readonly draft: boolean;
}

export interface TagSummary {
  readonly name: string;
  /** What the ref points at: the tag object for annotated tags, else the commit. */
  readonly sha: string;
  readonly commit: string | undefined;
  readonly annotated: boolean;
  readonly message: string | undefined;
}

export interface Emulator {
  readonly url: string;
  readonly host: string;
  readonly state: Store;
  readonly violations: readonly Violation[];
  /** Schemas the validator could not compile and skipped; informative, not failures. */
  readonly schemaNotes: readonly string[];
  readonly calls: readonly Call[];
  resetCalls(): void;
  /** API cost: calls other than app authentication (`/app/...`), split into reads and writes. */
  counts(): { reads: number; writes: number; total: number; points: number };
  /** Requests counted against the primary rate limit since the last reset; a 304 costs none (conditional.ts). */
  rateLimitPoints(installation?: number): number;
  setFaults(options: FaultOptions): void;
  /** Answer every request `ms` later, as a distant GitHub would (benchmarks); 0 turns it off. */
  setLatency(ms: number): void;
  /** A token whose API calls act as `login` (comments, reviews, reactions by a person). */
  userToken(login: string): string;
  /** Replace the app's permissions (as an owner accepting changed permissions would). */
  setAppPermissions(permissions: AppPermissions): void;
  /**
   * From now on send the webhooks GitHub sends for every write (the app's and people's) to
   * `sink`, signed with its secret; `undefined` stops. Off until called (webhooks.ts).
   */
  deliverTo(sink: WebhookSink | undefined): void;
  /** Every webhook sent since delivery was turned on, with the app's answer. */
  readonly deliveries: readonly Delivery[];
  /** Webhooks sent or queued whose delivery has not finished. */
  deliveriesInFlight(): number;
  /** Resolves once no delivery is in flight. */
  deliveriesIdle(): Promise<void>;
  /**
   * The ref moves `write` makes are announced as one push per ref, as one `git push` is, by
   * `pusher` (else whoever made the last move).
   */
  pushedAtOnce<T>(write: () => T, pusher?: string): T;
  close(): Promise<void>;

  createRepo(options: seed.CreateRepoOptions): seed.SeededRepo;
  /**
   * Install the app on an account, on all its repositories or the named ones, which move into
   * it; a token of this installation reaches only those (installations.ts).
   */
  addInstallation(options: InstallationOptions): void;
  commit(owner: string, repo: string, branch: string, files: Readonly<Record<string, string | null>>, message: string, author?: string, date?: string): string;
  /** A person (`by`, the owner when absent) pushes a new branch at `from`. */
  createBranch(owner: string, repo: string, branch: string, from?: string, by?: string): string;
  addTag(owner: string, repo: string, tag: string, ref: string, message?: string): string;
  addMergedPullRequest(options: seed.MergedPullRequestOptions): { number: number; mergeCommitSha: string };
  openPullRequest(options: seed.OpenPullRequestOptions): number;
  /** Merge an open pull request as a person would in the UI; returns the new base sha. */
  mergePullRequest(owner: string, repo: string, number: number, method?: "merge" | "squash" | "rebase", by?: string): string;
  addIssue(options: seed.IssueOptions): number;
  addComment(owner: string, repo: string, number: number, body: string, author?: string): number;
  addReview(owner: string, repo: string, number: number, login: string, state?: string): number;
  addRelease(options: seed.ReleaseOptions): number;
  addDeployment(options: seed.DeploymentOptions): number;
  setPermission(owner: string, repo: string, login: string, permission: string): void;
  /** Put a person on an organisation's team (`pending`: invited, not yet accepted). */
  addTeamMember(org: string, team: string, login: string, state?: "active" | "pending"): void;
  addCheckRun(owner: string, repo: string, sha: string, name: string, conclusion: string | null): number;
  /** Classic branch protection on `branch` (exact name), as a repository admin sets it; replaces any earlier. */
  protectBranch(owner: string, repo: string, branch: string, protection?: BranchProtection): void;
  unprotectBranch(owner: string, repo: string, branch: string): void;
  /** An active (unless said) repository ruleset; returns its id. */
  addRuleset(
    owner: string,
    repo: string,
    ruleset: Omit<Ruleset, "id" | "enforcement" | "bypassApps"> & Partial<Pick<Ruleset, "enforcement" | "bypassApps">>,
  ): number;
  /** CI finishes a check run it started (`addCheckRun(..., null)`), as GitHub Actions would. */
  completeCheckRun(owner: string, repo: string, checkRunId: number, conclusion: string): void;
  /** A commit status from CI outside GitHub Apps (Jenkins), as `creator` (default `jenkins`) posts it. */
  addCommitStatus(owner: string, repo: string, sha: string, context: string, state: "error" | "failure" | "pending" | "success", creator?: string): number;
  /** Record a webhook delivery so the app's redelivery code can find it. */
  addHookDelivery(delivery: Omit<HookDelivery, "id" | "delivered_at" | "redelivery"> & { readonly redelivery?: boolean }): number;

  file(owner: string, repo: string, ref: string, path: string): string | undefined;
  sha(owner: string, repo: string, ref: string): string | undefined;
  pulls(owner: string, repo: string): PullSummary[];
  issues(owner: string, repo: string): Issue[];
  comments(owner: string, repo: string, number?: number): Comment[];
  reactions(owner: string, repo: string, commentId: number): string[];
  releases(owner: string, repo: string): Release[];
  deployments(owner: string, repo: string): (Deployment & { statuses: DeploymentStatus[] })[];
  tags(owner: string, repo: string): TagSummary[];
  refs(owner: string, repo: string): { ref: string; sha: string }[];
  readonly workflowDispatches: Store["workflowDispatches"];
  readonly repositoryDispatches: Store["repositoryDispatches"];
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const slug = options.appSlug ?? "release-pilot";
  const store = new Store({ id: options.appId ?? 1, slug, name: slug });
  store.appPermissions = options.permissions ?? loadAppPermissions();
  const faults = new Faults();
  const violations: Violation[] = [];
  const calls: Call[] = [];
  let url = "";
  let latencyMs = 0;
  const webhooks = new Webhooks(store, () => ({ apiUrl: `${url}/api/v3`, webUrl: url }), new Set(options.events ?? loadAppEvents()));
  store.webhooks = webhooks;
  const { server, timers } = createEmulatorServer({ store, faults, violations, calls, latencyMs: () => latencyMs }, () => url);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;
  // Read helpers return the store's own records (plain data, labels as names) rather than API
  // shapes, because tests assert on meaning, not on URLs.
  const repoOf = (owner: string, repo: string) => seed.mustRepo(store, owner, repo);
  const person = (login: string): User => ({ login, type: login.endsWith("[bot]") ? "Bot" : "User" });
  // Seeding stands for what people (and CI) do on GitHub: with delivery on, it is announced as
  // theirs, as the same action in the web UI would be.
  const as = <T>(login: string, write: () => T): T => store.actingAs(person(login), write);

  return {
    url,
    host: `127.0.0.1:${port}`,
    state: store,
    violations,
    schemaNotes,
    calls,
    resetCalls: () => {
      calls.length = 0;
    },
    counts: () => {
      const counted = calls.filter((c) => !c.route.startsWith("/app"));
      const writes = counted.filter((c) => c.write).length;
      const points = counted.reduce((sum, c) => sum + c.points, 0);
      return { reads: counted.length - writes, writes, total: counted.length, points };
    },
    rateLimitPoints: (installation) =>
      calls.filter((c) => !c.route.startsWith("/app") && (installation === undefined || c.installation === installation)).reduce((sum, c) => sum + c.points, 0),
    setFaults: (f) => faults.set(f),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    userToken: (login) => {
      const token = `ghp_emulator_${login}`;
      store.userTokens.set(token, { login, type: login.endsWith("[bot]") ? "Bot" : "User" });
      return token;
    },
    setAppPermissions: (permissions) => {
      store.appPermissions = { ...permissions };
    },
    deliverTo: (sink) => webhooks.deliverTo(sink),
    deliveries: webhooks.deliveries,
    deliveriesInFlight: () => webhooks.inFlight,
    deliveriesIdle: () => webhooks.idle(),
    pushedAtOnce: (write, pusher) => store.pushedAtOnce(write, pusher === undefined ? undefined : person(pusher)),
    close: async () => {
      webhooks.deliverTo(undefined);
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },

    createRepo: (o) => seed.createRepo(store, o),
    addInstallation: (o) => {
      addInstallation(store, o);
    },
    commit: (owner, repo, branch, files, message, author = "octocat", date) =>
      as(author, () => seed.commitOnBranch(store, owner, repo, branch, files, message, author, date)),
    createBranch: (owner, repo, branch, from, by = owner) => as(by, () => seed.createBranch(store, owner, repo, branch, from)),
    addTag: (owner, repo, tag, ref, message) => seed.addTag(store, owner, repo, tag, ref, message),
    addMergedPullRequest: (o) => {
      const merged = as(o.author ?? "octocat", () => seed.addMergedPullRequest(store, o));
      announceMerged(store, repoOf(o.owner, o.repo), merged.number, person(o.author ?? "octocat"));
      return merged;
    },
    openPullRequest: (o) => {
      const number = seed.openPullRequest(store, o);
      const r = repoOf(o.owner, o.repo);
      const [pull, issue] = [r.pulls.get(number), r.issues.get(number)];
      if (pull && issue) webhooks.pullRequest(r, "opened", pull, issue, person(o.author ?? "octocat"));
      return number;
    },
    mergePullRequest: (owner, repo, number, method = "squash", by = "octocat") => {
      const sha = as(by, () => mergePull(repoOf(owner, repo), number, method, undefined, by));
      announceMerged(store, repoOf(owner, repo), number, person(by));
      return sha;
    },
    addIssue: (o) => {
      const number = seed.addIssue(store, o);
      const issue = repoOf(o.owner, o.repo).issues.get(number);
      if (issue) {
        webhooks.issues(repoOf(o.owner, o.repo), "opened", issue, person(o.author ?? "octocat"));
        webhooks.labels(repoOf(o.owner, o.repo), issue, [], person(o.author ?? "octocat"));
      }
      return number;
    },
    addComment: (owner, repo, number, body, author = "octocat") => {
      const id = seed.addComment(store, owner, repo, number, body, author);
      const r = repoOf(owner, repo);
      const [issue, comment] = [r.issues.get(number), r.comments.find((c) => c.id === id)];
      if (issue && comment) webhooks.issueComment(r, "created", issue, comment, person(author));
      return id;
    },
    addReview: (owner, repo, number, login, state) => seed.addReview(store, owner, repo, number, login, state),
    addRelease: (o) => {
      const id = as(o.owner, () => seed.addRelease(store, o));
      const r = repoOf(o.owner, o.repo);
      const release = r.releases.find((candidate) => candidate.id === id);
      if (release) webhooks.releaseCreated(r, release, person(o.owner));
      return id;
    },
    addDeployment: (o) => {
      const id = seed.addDeployment(store, o);
      const r = repoOf(o.owner, o.repo);
      const deployment = r.deployments.find((d) => d.id === id);
      if (deployment) {
        webhooks.deployment(r, deployment, deployment.creator);
        for (const status of r.deploymentStatuses.filter((s) => s.deploymentId === id)) webhooks.deploymentStatus(r, deployment, status, status.creator);
      }
      return id;
    },
    setPermission: (owner, repo, login, permission) => {
      repoOf(owner, repo).permissions.set(login, permission);
    },
    addTeamMember: (org, team, login, state = "active") => {
      const key = `${org}/${team}`.toLowerCase();
      const members = store.teams.get(key) ?? new Map<string, "active" | "pending">();
      members.set(login.toLowerCase(), state);
      store.teams.set(key, members);
    },
    protectBranch: (owner, repo, branch, protection = {}) => {
      repoOf(owner, repo).protections.set(branch, protection);
    },
    unprotectBranch: (owner, repo, branch) => {
      repoOf(owner, repo).protections.delete(branch);
    },
    addRuleset: (owner, repo, ruleset) => {
      const id = store.id();
      repoOf(owner, repo).rulesets.push({ enforcement: "active", bypassApps: [], ...ruleset, id });
      return id;
    },
    addCheckRun: (owner, repo, sha, name, conclusion) => {
      const id = seed.addCheckRun(store, owner, repo, sha, name, conclusion);
      const r = repoOf(owner, repo);
      const run = r.checkRuns.find((candidate) => candidate.id === id);
      if (run) {
        webhooks.checkRun(r, "created", run, person("github-actions[bot]"));
        if (run.status === "completed") webhooks.checkRun(r, "completed", run, person("github-actions[bot]"));
      }
      return id;
    },
    completeCheckRun: (owner, repo, checkRunId, conclusion) => {
      const r = repoOf(owner, repo);
      const run = r.checkRuns.find((candidate) => candidate.id === checkRunId);
      if (!run) throw new Error(`emulator: no check run ${checkRunId}`);
      Object.assign(run, { status: "completed", conclusion, completed_at: new Date().toISOString().replace(/\.\d{3}Z$/, "Z") });
      webhooks.checkRun(r, "completed", run, person("github-actions[bot]"));
    },
    addCommitStatus: (owner, repo, sha, context, state, creator) => {
      const id = seed.addCommitStatus(store, owner, repo, sha, context, state, creator);
      const r = repoOf(owner, repo);
      const status = r.commitStatuses.find((candidate) => candidate.id === id);
      if (status) webhooks.status(r, status, status.creator);
      return id;
    },
    addHookDelivery: (d) => {
      const id = store.id();
      store.hookDeliveries.push({ ...d, id, delivered_at: new Date().toISOString(), redelivery: d.redelivery ?? false });
      return id;
    },

    file: (owner, repo, ref, path) => {
      const r = repoOf(owner, repo);
      const sha = r.git.resolve(ref);
      return sha ? r.git.readFile(sha, path)?.content.toString("utf8") : undefined;
    },
    sha: (owner, repo, ref) => repoOf(owner, repo).git.resolve(ref),
    pulls: (owner, repo) => {
      const r = repoOf(owner, repo);
      return [...r.pulls.values()].flatMap((p) => {
        const issue = r.issues.get(p.number);
        return issue
          ? [
              {
                ...issue,
                headRef: p.headRef,
                headSha: p.headSha,
                baseRef: p.baseRef,
                merged_at: p.merged_at,
                merge_commit_sha: p.merge_commit_sha,
                draft: p.draft,
              },
            ]
          : [];
      });
    },
    issues: (owner, repo) => [...repoOf(owner, repo).issues.values()].filter((i) => !i.isPullRequest),
    comments: (owner, repo, number) => repoOf(owner, repo).comments.filter((c) => number === undefined || c.issueNumber === number),
    reactions: (owner, repo, commentId) => (repoOf(owner, repo).reactions.get(`comment:${commentId}`) ?? []).map((r) => r.content),
    releases: (owner, repo) => [...repoOf(owner, repo).releases],
    deployments: (owner, repo) => {
      const r = repoOf(owner, repo);
      return r.deployments.map((d) => ({ ...d, statuses: r.deploymentStatuses.filter((s) => s.deploymentId === d.id) }));
    },
    tags: (owner, repo) => {
      const r = repoOf(owner, repo);
      return [...r.git.refs.entries()]
        .filter(([ref]) => ref.startsWith("refs/tags/"))
        .map(([ref, sha]) => {
          const tag = r.git.get(sha, "tag");
          return { name: ref.slice("refs/tags/".length), sha, commit: r.git.peel(sha), annotated: tag !== undefined, message: tag?.message };
        });
    },
    refs: (owner, repo) => [...repoOf(owner, repo).git.refs.entries()].map(([ref, sha]) => ({ ref, sha })).sort((a, b) => (a.ref < b.ref ? -1 : 1)),
    workflowDispatches: store.workflowDispatches,
    repositoryDispatches: store.repositoryDispatches,
  };
}
