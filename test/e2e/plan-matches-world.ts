// For test/e2e/plan-matches.test.ts: the facts `release-pilot plan` is given, read from the
// emulator's state before an event, and what the bot wrote during the event, read from the state
// after it, both as the same kind of effect as the plan's actions, so they can be compared.
import type { PlanFacts } from "../../src/facts/json/schema.js";
import { checkConfigText } from "../../src/policy/config-check.js";
import { decodeLock } from "../../src/policy/deploy/lock.js";
import type { Action } from "../../src/policy/plan.js";
import type { Emulator } from "../emulator/index.js";
import { latestStatuses } from "../emulator/commit-statuses.js";
import { mustRepo } from "../emulator/seed.js";

const LOCK_PREFIX = "refs/heads/release-pilot/lock/";

/** One write, as `kind` in `where` with `what` it wrote (a title, a body, env and SHA, ...). */
export interface Effect {
  readonly kind: string;
  readonly where: string;
  readonly what: string;
}

/** What a handler would read, for the repository's config, the event's commit and who set it off. */
export function factsFrom(
  gh: Emulator,
  owner: string,
  repo: string,
  input: { readonly sha?: string; readonly sender: string; readonly branch?: string },
): PlanFacts {
  const state = mustRepo(gh.state, owner, repo);
  const head = state.git.resolve(state.defaultBranch) ?? "";
  const config = checkConfigText(gh.file(owner, repo, state.defaultBranch, ".github/release-pilot.yml") ?? "", `${owner}/${repo}`).config;
  if (config === undefined) throw new Error(`${owner}/${repo} has no valid config`);
  const deployments: Record<string, NonNullable<PlanFacts["deployments"]>[string]> = {};
  for (const d of [...gh.deployments(owner, repo)].sort((a, b) => b.id - a.id)) {
    const newest = [...d.statuses].sort((a, b) => b.id - a.id)[0];
    const latest = newest?.state ?? "pending";
    const payload = (typeof d.payload === "object" && d.payload !== null ? d.payload : {}) as Record<string, unknown>;
    const extra = {
      ...(typeof payload["image_tag"] === "string" ? { imageTag: payload["image_tag"] } : {}),
      ...(typeof payload["app"] === "string" ? { app: payload["app"] } : {}),
    };
    (deployments[d.environment] ??= []).push({
      id: d.id,
      sha: d.sha,
      ref: d.ref,
      state: latest as "success",
      createdAt: d.created_at,
      creator: d.creator.login,
      ...extra,
      // The whole payload, as the bot wrote it: a queued deploy's dispatch, a release's id, the key.
      payload,
      ...(newest?.description == null ? {} : { description: newest.description }),
      productionEnvironment: d.production_environment === true,
    });
  }
  // An environment with no deployment is a fact too: the emulator has none there.
  for (const env of config.environments) deployments[env.name] ??= [];
  const locks: NonNullable<PlanFacts["locks"]> = {};
  const refs: Record<string, string> = {};
  for (const { ref, sha } of gh.refs(owner, repo)) {
    if (ref.startsWith(LOCK_PREFIX)) {
      const lock = decodeLock(state.git.get(sha, "commit")?.message ?? "");
      if (lock !== undefined)
        locks[ref.slice(LOCK_PREFIX.length)] = {
          holder: lock.holder,
          reason: lock.reason,
          expiresAt: lock.expiresAt,
          ...(lock.deploymentKey === undefined ? {} : { deploymentKey: lock.deploymentKey }),
        };
    } else {
      refs[ref.replace(/^refs\/(heads|tags)\//, "")] = state.git.peel(sha) ?? sha;
    }
  }
  const labels = config.checklist?.labels ?? [];
  const template = config.checklist === null ? undefined : gh.file(owner, repo, state.defaultBranch, config.checklist.template);
  const files: Record<string, string> = {};
  for (const path of [...config.versionFiles.map((file) => file.path), ...(config.changelog?.target.kind === "file" ? [config.changelog.target.file] : [])]) {
    const text = gh.file(owner, repo, state.defaultBranch, path);
    if (text !== undefined) files[path] = text;
  }
  const downstream: NonNullable<PlanFacts["downstream"]> = {};
  for (const entry of config.downstream) {
    const other = gh.state.repo(entry.repo.owner, entry.repo.repo);
    const base = entry.branch ?? other?.defaultBranch;
    const content = other === undefined || base === undefined ? undefined : gh.file(entry.repo.owner, entry.repo.repo, base, entry.file);
    downstream[`${entry.repo.owner}/${entry.repo.repo}`] = {
      ...(base === undefined ? {} : { base }),
      ...(content === undefined ? {} : { content }),
      reachable: other !== undefined,
    };
  }
  const commit = input.sha ?? head;
  // The pull request whose merge made the commit, as GET commits/{sha}/pulls shows its author.
  const merged = [...state.pulls.values()].find((p) => p.merged_at !== null && p.merge_commit_sha === commit);
  const mergedAuthor = merged === undefined ? undefined : state.issues.get(merged.number)?.user.login;
  // What compare and the open-PR list answer for a pushed branch against the default branch.
  const branchHead = input.branch === undefined ? undefined : state.git.resolve(input.branch);
  const ahead = branchHead === undefined ? [] : state.git.log(branchHead, new Set(state.git.log(head))).reverse();
  const open = [...state.pulls.values()].find(
    (p) => p.headRef === input.branch && p.baseRef === state.defaultBranch && state.issues.get(p.number)?.state === "open",
  );
  return {
    now: new Date().toISOString(),
    // What the app reads from GET /app, as the bot user the emulator writes as.
    appLogin: gh.state.botUser.login,
    permission: state.permissions.get(input.sender) ?? "none",
    ...(mergedAuthor === undefined ? {} : { mergedPullAssociation: state.permissions.has(mergedAuthor) ? "COLLABORATOR" : "NONE" }),
    deployments,
    checkRuns: state.checkRuns
      .filter((run) => run.head_sha === commit)
      .map((run) => ({ name: run.name, status: run.status, conclusion: run.conclusion, externalId: run.external_id ?? null })),
    // The combined status's latest of each context, as GET commits/{ref}/status lists them.
    commitStatuses: latestStatuses(state, commit).map((status) => ({
      context: status.context,
      state: status.state as "error" | "failure" | "pending" | "success",
    })),
    locks,
    refs,
    files,
    tags: gh.tags(owner, repo).map((tag) => tag.name),
    approvals: [],
    ...(input.sha === undefined ? {} : { sha: input.sha }),
    ...(template === undefined ? {} : { template }),
    checklists: gh
      .issues(owner, repo)
      .filter((issue) => labels.every((label) => issue.labels.includes(label)))
      .map((issue) => ({ number: issue.number, state: issue.state, body: issue.body ?? "" })),
    releases: gh.releases(owner, repo).map((r) => ({
      id: r.id,
      tag: r.tag_name,
      name: r.name ?? r.tag_name,
      body: r.body ?? "",
      draft: r.draft,
      prerelease: r.prerelease,
      publishedAt: r.published_at,
    })),
    downstream,
    alreadyAnnouncedReady: false,
    ...(input.branch === undefined
      ? {}
      : {
          forwardPort: {
            ahead: ahead.map((sha) => ({ sha, message: state.git.get(sha, "commit")?.message ?? "" })),
            openPull: open === undefined ? null : { number: open.number, body: state.issues.get(open.number)?.body ?? "" },
          },
        }),
  };
}

interface RepoState {
  readonly name: string;
  readonly refs: readonly (readonly [string, string])[];
  readonly issues: readonly { readonly number: number; readonly title: string; readonly body: string | null; readonly state: string; readonly pull: boolean }[];
  readonly pulls: readonly { readonly number: number; readonly head: string; readonly base: string }[];
  readonly comments: readonly { readonly id: number; readonly number: number; readonly body: string }[];
  readonly reactions: readonly (readonly [string, readonly string[]])[];
  readonly releases: readonly {
    readonly id: number;
    readonly tag: string;
    readonly name: string | null;
    readonly body: string | null;
    readonly draft: boolean;
  }[];
  readonly deployments: readonly { readonly id: number; readonly environment: string; readonly sha: string }[];
  readonly statuses: readonly { readonly id: number; readonly deployment: number; readonly state: string; readonly description: string }[];
  readonly checkRuns: readonly { readonly id: number; readonly name: string; readonly status: string; readonly conclusion: string | null }[];
}

export interface World {
  readonly repos: readonly RepoState[];
  readonly workflows: readonly {
    readonly owner: string;
    readonly repo: string;
    readonly workflow_id: string;
    readonly ref: string;
    readonly inputs: Record<string, unknown>;
  }[];
  readonly dispatches: readonly {
    readonly owner: string;
    readonly repo: string;
    readonly event_type: string;
    readonly client_payload: Record<string, unknown>;
  }[];
}

/** Everything a write can change, per repository of the emulator, copied so later writes leave it be. */
export function snapshot(gh: Emulator): World {
  return structuredClone({
    repos: [...gh.state.repos.values()].map((r) => ({
      name: `${r.owner}/${r.name}`,
      refs: [...r.git.refs.entries()],
      issues: [...r.issues.values()].map((i) => ({ number: i.number, title: i.title, body: i.body, state: i.state, pull: i.isPullRequest })),
      pulls: [...r.pulls.values()].map((p) => ({ number: p.number, head: p.headRef, base: p.baseRef })),
      comments: r.comments.map((c) => ({ id: c.id, number: c.issueNumber, body: c.body })),
      reactions: [...r.reactions.entries()].map(([key, list]) => [key, list.map((x) => x.content)] as const),
      releases: r.releases.map((x) => ({ id: x.id, tag: x.tag_name, name: x.name, body: x.body, draft: x.draft })),
      deployments: r.deployments.map((d) => ({ id: d.id, environment: d.environment, sha: d.sha })),
      statuses: r.deploymentStatuses.map((x) => ({ id: x.id, deployment: x.deploymentId, state: x.state, description: x.description })),
      checkRuns: r.checkRuns.map((c) => ({ id: c.id, name: c.name, status: c.status, conclusion: c.conclusion })),
    })),
    workflows: [...gh.workflowDispatches],
    dispatches: [...gh.repositoryDispatches],
  });
}

const byId = <T extends { readonly id: number }>(list: readonly T[]) => new Map(list.map((item) => [item.id, item]));

/** The ids a dispatch adds are the executor's link to the deployment, not the plan's inputs. */
function withoutDeploymentId(values: Record<string, unknown>): string {
  const { deployment_id: _id, ...rest } = values;
  return JSON.stringify(Object.fromEntries(Object.entries(rest).sort(([a], [b]) => (a < b ? -1 : 1))));
}

function repoWrites(before: RepoState | undefined, after: RepoState): Effect[] {
  const where = after.name;
  const out: Effect[] = [];
  const add = (kind: string, what: string, at = where) => out.push({ kind, where: at, what });
  const refsBefore = new Map(before?.refs ?? []);
  const refsAfter = new Map(after.refs);
  const prHeads = new Set(after.pulls.map((p) => `refs/heads/${p.head}`));
  for (const [ref, sha] of refsAfter) {
    if (refsBefore.get(ref) === sha) continue;
    if (ref.startsWith(LOCK_PREFIX)) add("lock", ref.slice(LOCK_PREFIX.length));
    else if (ref.startsWith("refs/tags/")) add("tag", ref.slice("refs/tags/".length));
    // A pull request's branch and commit are how the PR was opened, not writes of their own.
    else if (!(prHeads.has(ref) && !refsBefore.has(ref))) add(refsBefore.has(ref) ? "commit" : "branch", ref.replace(/^refs\/heads\//, ""));
  }
  for (const ref of refsBefore.keys()) if (ref.startsWith(LOCK_PREFIX) && !refsAfter.has(ref)) add("unlock", ref.slice(LOCK_PREFIX.length));
  const issues = new Map((before?.issues ?? []).map((i) => [i.number, i]));
  for (const issue of after.issues) {
    const old = issues.get(issue.number);
    if (old === undefined && !issue.pull) add("issue", issue.title);
    else if (old !== undefined && (old.title !== issue.title || old.body !== issue.body || old.state !== issue.state)) add("issue-update", `#${issue.number}`);
  }
  const pullsBefore = new Set((before?.pulls ?? []).map((p) => p.number));
  for (const pull of after.pulls)
    if (!pullsBefore.has(pull.number)) add("pull", `${pull.base} ${after.issues.find((i) => i.number === pull.number)?.title ?? ""}`);
  const comments = byId(before?.comments ?? []);
  for (const c of after.comments) if (comments.get(c.id)?.body !== c.body) add("comment", c.body, `${where}#${c.number}`);
  const reactions = new Map(before?.reactions ?? []);
  for (const [key, list] of after.reactions) for (const content of list.slice(reactions.get(key)?.length ?? 0)) add("reaction", content, `${where} ${key}`);
  const releases = byId(before?.releases ?? []);
  for (const r of after.releases) if (JSON.stringify(releases.get(r.id)) !== JSON.stringify(r)) add("release", r.tag);
  const deployments = byId(before?.deployments ?? []);
  for (const d of after.deployments) if (!deployments.has(d.id)) add("deployment", `${d.environment} ${d.sha}`);
  const statuses = byId(before?.statuses ?? []);
  // The dispatch records itself as a queued status on its deployment: part of the dispatch action.
  for (const x of after.statuses)
    if (!statuses.has(x.id) && !x.description.startsWith("Dispatched")) add("deployment-status", x.state, `${where} deployment ${x.deployment}`);
  const checks = byId(before?.checkRuns ?? []);
  // A held deploy's run is completed in place rather than added again: that is a write too.
  for (const c of after.checkRuns) {
    const old = checks.get(c.id);
    if (old === undefined || old.status !== c.status || old.conclusion !== c.conclusion) add("check-run", `${c.name} ${c.conclusion}`);
  }
  return out;
}

/** What the bot wrote between two snapshots. */
export function writesBetween(before: World, after: World): Effect[] {
  const out = after.repos.flatMap((repo) =>
    repoWrites(
      before.repos.find((old) => old.name === repo.name),
      repo,
    ),
  );
  for (const w of after.workflows.slice(before.workflows.length))
    out.push({ kind: "workflow", where: `${w.owner}/${w.repo}`, what: `${w.workflow_id}@${w.ref} ${withoutDeploymentId(w.inputs)}` });
  for (const d of after.dispatches.slice(before.dispatches.length))
    out.push({ kind: "repository-dispatch", where: `${d.owner}/${d.repo}`, what: `${d.event_type} ${withoutDeploymentId(d.client_payload)}` });
  return out;
}

/** The write each planned action makes, in the same terms as writesBetween. */
export function plannedWrite(action: Action): Effect {
  const where = `${action.repo.owner}/${action.repo.repo}`;
  switch (action.kind) {
    case "create-deployment":
      return { kind: "deployment", where, what: `${action.environment} ${action.ref}` };
    case "set-deployment-status":
      return { kind: "deployment-status", where: `${where} deployment ${action.deploymentId}`, what: action.state };
    case "dispatch-workflow":
      return { kind: "workflow", where, what: `${action.workflow}@${action.ref} ${withoutDeploymentId(action.inputs)}` };
    case "dispatch-repository-event":
      return { kind: "repository-dispatch", where, what: `${action.eventType} ${withoutDeploymentId(action.clientPayload)}` };
    case "open-pull-request":
      return { kind: "pull", where, what: `${action.base} ${action.title}` };
    case "commit-files":
      return { kind: "commit", where, what: action.branch };
    case "create-issue":
      return { kind: "issue", where, what: action.title };
    case "update-issue":
      return { kind: "issue-update", where, what: `#${action.number}` };
    case "comment":
      return { kind: "comment", where: `${where}#${action.issueNumber}`, what: action.body };
    case "react":
      return { kind: "reaction", where: `${where} comment:${action.commentId}`, what: action.content };
    case "create-tag":
    case "move-tag":
      return { kind: "tag", where, what: action.tag };
    case "create-release":
      return { kind: "release", where, what: action.tag };
    case "update-release":
      return { kind: "release", where, what: action.tag ?? String(action.releaseId) };
    case "acquire-lock":
      return { kind: "lock", where, what: action.environment };
    case "release-lock":
      return { kind: "unlock", where, what: action.environment };
    // An in-progress run has no conclusion yet, which GitHub lists as null.
    case "check-run":
      return { kind: "check-run", where, what: `${action.name} ${action.conclusion ?? null}` };
  }
}
