// The webhooks GitHub sends for writes to a repository, by the app's own installation token as
// much as by people, delivered to the app's webhook URL once a test calls `gh.deliverTo()`. So
// an e2e story is a closed loop: after a person's action every further event comes from here.
//
// What GitHub does, and this keeps (sources: "Webhook events and payloads" and its "Delivery
// headers" section, docs.github.com/webhooks/webhook-events-and-payloads; the `x-webhooks` of
// GitHub's OpenAPI description, whose schemas webhooks.test.ts checks every payload against):
// - A delivery is an HTTP POST of the JSON payload with `X-GitHub-Event` (the event name),
//   `X-GitHub-Delivery` (a GUID), `X-GitHub-Hook-ID`, `X-GitHub-Hook-Installation-Target-Type`/`-ID`
//   (`integration` and the app id) and `X-Hub-Signature-256`, `sha256=` and the HMAC SHA-256 hex
//   digest of the body with the webhook secret. Payloads sent to an app carry `installation`.
// - Only events the app subscribes to are sent (app.yml `default_events`: the manifest's
//   subscriptions, "Registering a GitHub App from a manifest").
// - GitHub does not wait for the app: deliveries go out after the write has answered. Here they
//   are sent in order per repository, one at a time, and a failed delivery is recorded in
//   `deliveries` and in the app's delivery log (`GET /app/hook/deliveries`), never thrown.
// - `push` for every ref created, moved or deleted (branches and tags, lock refs included),
//   with `sender` the acting account: the app's bot user for installation tokens.
// - `release`: `created` when a draft is saved or a release is published without a draft first;
//   `published` when a release, pre-release or draft is published; `released` for a release
//   published (or a pre-release made a release); `prereleased` for one published as a pre-release;
//   `edited` with `changes` for other edits (the x-webhooks descriptions of those actions).
// - `deployment_status.created` for each status but `inactive` ("A webhook event is not fired for
//   deployment statuses with an inactive state", deployment-status-created).
// - `check_run.created`, and `completed` when a run gets its conclusion, for every app's runs in
//   the repository (an app with checks permission receives `created` and `completed`).
// - `issues` opened/edited/closed/reopened/labeled/unlabeled, `issue_comment`
//   created/edited/deleted, `pull_request` opened/edited/closed/reopened/synchronize/labeled; a
//   label or edit on a pull request is a `pull_request` event, not an `issues` one.
import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { CheckRun, Comment, CommitStatus, Deployment, DeploymentStatus, Issue, PullRequest, Release, Repo, Store, User } from "./store.js";
import {
  type Urls,
  hookCheckRun,
  hookComment,
  hookCommit,
  hookDeployment,
  hookDeploymentStatus,
  hookInstallation,
  hookIssue,
  hookLabel,
  hookPull,
  hookRelease,
  hookRepo,
  hookStatus,
  hookUser,
} from "./webhook-shapes.js";

const ZERO = "0000000000000000000000000000000000000000";

export interface WebhookSink {
  /** The app's webhook URL, e.g. `http://127.0.0.1:3000/api/github/webhooks`. */
  readonly url: string;
  readonly secret: string;
}

export interface Delivery {
  readonly guid: string;
  readonly event: string;
  readonly action: string | null;
  readonly repo: string;
  /** The app's HTTP status; undefined when the request itself failed. */
  status: number | undefined;
  error: string | undefined;
  readonly payload: Record<string, unknown>;
}

/** app.yml `default_events`: what the app is subscribed to. */
export function loadAppEvents(file = fileURLToPath(new URL("../../app.yml", import.meta.url))): string[] {
  const manifest = parse(readFileSync(file, "utf8")) as { default_events?: string[] } | null;
  return [...(manifest?.default_events ?? [])];
}

/**
 * One POST on a connection of its own: a kept-alive connection the app has just closed would
 * fail the delivery now and then, which GitHub's deliveries do not.
 */
function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", agent: false, headers: { ...headers, "content-length": String(Buffer.byteLength(body)) }, timeout: 10_000 },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out after 10s, as GitHub gives up on a delivery")));
    req.on("error", reject);
    req.end(body);
  });
}

export function sign(secret: string, body: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

export class Webhooks {
  private sink: WebhookSink | undefined;
  readonly deliveries: Delivery[] = [];
  private readonly chains = new Map<string, Promise<void>>();
  private pending = 0;
  private readonly hookId = 424242;

  constructor(
    private readonly store: Store,
    private readonly urls: () => Urls,
    readonly events: ReadonlySet<string>,
  ) {}

  deliverTo(sink: WebhookSink | undefined): void {
    this.sink = sink;
  }

  get delivering(): boolean {
    return this.sink !== undefined;
  }

  /** Deliveries sent or waiting to be sent. */
  get inFlight(): number {
    return this.pending;
  }

  /** Resolves once nothing is in flight (new writes may start more). */
  async idle(): Promise<void> {
    while (this.pending > 0) await Promise.all([...this.chains.values()]);
  }

  private wants(event: string): boolean {
    return this.sink !== undefined && this.events.has(event);
  }

  private envelope(repo: Repo, sender: User): Record<string, unknown> {
    const u = this.urls();
    return { repository: hookRepo(u, repo), sender: hookUser(u, sender), installation: hookInstallation(repo) };
  }

  private send(repo: Repo, event: string, payload: Record<string, unknown>): void {
    const sink = this.sink;
    // An app hears only of repositories it is installed on ("Using webhooks with GitHub Apps").
    const installationId = repo.installationId;
    if (sink === undefined || installationId === undefined) return;
    const body = JSON.stringify(payload);
    const action = typeof payload["action"] === "string" ? payload["action"] : null;
    const delivery: Delivery = { guid: randomUUID(), event, action, repo: `${repo.owner}/${repo.name}`, status: undefined, error: undefined, payload };
    this.deliveries.push(delivery);
    this.pending += 1;
    const previous = this.chains.get(delivery.repo) ?? Promise.resolve();
    const next = previous.then(async () => {
      try {
        delivery.status = await post(sink.url, body, {
          "content-type": "application/json",
          "user-agent": "GitHub-Hookshot/emulator",
          "x-github-event": event,
          "x-github-delivery": delivery.guid,
          "x-github-hook-id": String(this.hookId),
          "x-github-hook-installation-target-type": "integration",
          "x-github-hook-installation-target-id": String(this.store.app.id),
          "x-hub-signature-256": sign(sink.secret, body),
        });
      } catch (error) {
        delivery.error = String((error as Error).message ?? error);
      } finally {
        this.pending -= 1;
        this.store.hookDeliveries.push({
          id: this.store.id(),
          guid: delivery.guid,
          event,
          action,
          status_code: delivery.status ?? 0,
          delivered_at: new Date().toISOString(),
          redelivery: false,
          installation_id: installationId,
          repository_id: repo.id,
        });
      }
    });
    this.chains.set(delivery.repo, next);
  }

  /** A ref was created, moved or deleted by `actor`. */
  push(repo: Repo, ref: string, before: string | undefined, after: string | undefined, actor: User): void {
    if (this.sink === undefined) return;
    const u = this.urls();
    if (this.wants("push")) {
      const from = before ?? ZERO;
      const to = after ?? ZERO;
      const toCommit = after === undefined ? undefined : repo.git.peel(after);
      const fromCommit = before === undefined ? undefined : repo.git.peel(before);
      // Commits new to the ref, oldest first; a new ref lists what no other branch had (GitHub
      // lists the commits new to the repository), approximated as those not reachable from before.
      // Commits new to the ref, oldest first: for a moved branch those not reachable from where it
      // was, for a new branch those no other ref had (none, for a branch made at an existing commit).
      const seen = new Set<string>();
      const from_ = fromCommit === undefined ? [...repo.git.refs].filter(([name]) => name !== ref).map(([, sha]) => repo.git.peel(sha)) : [fromCommit];
      for (const sha of from_) if (sha !== undefined) for (const old of repo.git.log(sha, seen)) seen.add(old);
      const shas = toCommit === undefined || !ref.startsWith("refs/heads/") ? [] : repo.git.log(toCommit, seen).reverse();
      const commits = shas.map((sha) => hookCommit(u, repo, sha));
      const head = toCommit === undefined ? null : hookCommit(u, repo, toCommit);
      this.send(repo, "push", {
        ref,
        before: from,
        after: to,
        repository: hookRepo(u, repo, true),
        pusher: { name: actor.login, email: actor.type === "Bot" ? null : `${actor.login}@users.noreply.github.com` },
        sender: hookUser(u, actor),
        installation: hookInstallation(repo),
        created: before === undefined,
        deleted: after === undefined,
        forced: fromCommit !== undefined && toCommit !== undefined && !repo.git.isAncestor(fromCommit, toCommit),
        base_ref: null,
        compare: `${u.webUrl}/${repo.owner}/${repo.name}/compare/${from.slice(0, 12)}...${to.slice(0, 12)}`,
        commits,
        head_commit: head,
      });
    }
    // A push to an open pull request's head branch is its `synchronize`.
    if (after !== undefined && ref.startsWith("refs/heads/")) {
      const branch = ref.slice("refs/heads/".length);
      for (const pull of repo.pulls.values()) {
        const issue = repo.issues.get(pull.number);
        if (pull.headRef !== branch || issue?.state !== "open" || pull.merged_at !== null) continue;
        this.pullRequest(repo, "synchronize", { ...pull, headSha: repo.git.peel(after) ?? after }, issue, actor, { before: before ?? ZERO, after });
      }
    }
  }

  issues(repo: Repo, action: string, issue: Issue, actor: User, extra: Record<string, unknown> = {}): void {
    if (issue.isPullRequest) {
      const pull = repo.pulls.get(issue.number);
      if (pull) this.pullRequest(repo, action, pull, issue, actor, extra);
      return;
    }
    if (!this.wants("issues")) return;
    this.send(repo, "issues", { action, issue: hookIssue(this.urls(), repo, issue), ...extra, ...this.envelope(repo, actor) });
  }

  /** `labeled`/`unlabeled` for each label added or removed. */
  labels(repo: Repo, issue: Issue, before: readonly string[], actor: User): void {
    const u = this.urls();
    for (const name of issue.labels.filter((l) => !before.includes(l))) this.issues(repo, "labeled", issue, actor, { label: hookLabel(u, repo, name) });
    for (const name of before.filter((l) => !issue.labels.includes(l))) this.issues(repo, "unlabeled", issue, actor, { label: hookLabel(u, repo, name) });
  }

  issueComment(repo: Repo, action: string, issue: Issue, comment: Comment, actor: User, extra: Record<string, unknown> = {}): void {
    if (!this.wants("issue_comment")) return;
    const u = this.urls();
    this.send(repo, "issue_comment", {
      action,
      issue: hookIssue(u, repo, issue),
      comment: hookComment(u, repo, comment),
      ...extra,
      ...this.envelope(repo, actor),
    });
  }

  pullRequest(repo: Repo, action: string, pull: PullRequest, issue: Issue, actor: User, extra: Record<string, unknown> = {}): void {
    if (!this.wants("pull_request")) return;
    const mergedBy = pull.merged_at === null ? undefined : actor;
    this.send(repo, "pull_request", {
      action,
      number: pull.number,
      pull_request: hookPull(this.urls(), repo, pull, issue, mergedBy),
      ...extra,
      ...this.envelope(repo, actor),
    });
  }

  /** What creating a release (draft or not) sends. */
  releaseCreated(repo: Repo, release: Release, actor: User): void {
    this.release(repo, "created", release, actor);
    if (!release.draft) this.releasePublished(repo, release, actor);
  }

  /** What publishing a release sends (a draft published, or one created published). */
  releasePublished(repo: Repo, release: Release, actor: User): void {
    this.release(repo, "published", release, actor);
    this.release(repo, release.prerelease ? "prereleased" : "released", release, actor);
  }

  release(repo: Repo, action: string, release: Release, actor: User, extra: Record<string, unknown> = {}): void {
    if (!this.wants("release")) return;
    this.send(repo, "release", { action, release: hookRelease(this.urls(), repo, release), ...extra, ...this.envelope(repo, actor) });
  }

  deployment(repo: Repo, deployment: Deployment, actor: User): void {
    if (!this.wants("deployment")) return;
    this.send(repo, "deployment", { action: "created", deployment: hookDeployment(this.urls(), repo, deployment), ...this.envelope(repo, actor) });
  }

  deploymentStatus(repo: Repo, deployment: Deployment, status: DeploymentStatus, actor: User): void {
    if (!this.wants("deployment_status") || status.state === "inactive") return;
    const u = this.urls();
    this.send(repo, "deployment_status", {
      action: "created",
      deployment: hookDeployment(u, repo, deployment),
      deployment_status: hookDeploymentStatus(u, repo, status),
      ...this.envelope(repo, actor),
    });
  }

  /** A commit status was created: GitHub sends `status` (no action) for every one, pending included. */
  status(repo: Repo, status: CommitStatus, actor: User): void {
    if (!this.wants("status")) return;
    this.send(repo, "status", { ...hookStatus(this.urls(), repo, status), ...this.envelope(repo, actor) });
  }

  checkRun(repo: Repo, action: "created" | "completed", run: CheckRun, actor: User): void {
    if (!this.wants("check_run")) return;
    this.send(repo, "check_run", { action, check_run: hookCheckRun(this.urls(), repo, run, this.store), ...this.envelope(repo, actor) });
  }
}
