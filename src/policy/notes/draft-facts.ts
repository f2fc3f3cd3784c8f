// When a push drafts notes, which files it changed (from the payload, or compare when GitHub cut
// the commit list short), and the draft decision's facts once releases and PRs are read.
import type { Config } from "../config/index.js";
import { changedFiles, PUSH_COMMIT_LIMIT } from "../deploy/paths.js";
import { nothing, type Plan, type RepoRef } from "../plan.js";
import type { DraftNotesFacts, MergedPull, ReleaseFact } from "./types.js";

const ZERO_SHA = /^0+$/;

type PushCommit = Parameters<typeof changedFiles>[0][number] & { readonly id: string };

interface Push {
  readonly ref: string;
  readonly before: string;
  readonly after: string;
  readonly forced: boolean;
  readonly deleted: boolean;
  readonly commits: readonly PushCommit[];
}

/** Undefined when the push drafts notes, else the plan saying why not; decided before any read. */
export function notesNotDrafted(config: Config, push: Push, defaultBranch: string): Plan | undefined {
  if (config.notes === null || !config.notes.draft) return nothing("not-configured", "Draft release notes are off (notes.draft).");
  if (push.deleted || push.ref !== `refs/heads/${defaultBranch}`)
    return nothing("event-not-relevant", `Release notes are drafted from pushes to ${defaultBranch}.`);
  return undefined;
}

/** Where the push's changed files come from; only a repository of several apps needs them. */
export function pushedFilesSource(
  config: Config,
  push: Push,
):
  | { readonly kind: "known"; readonly files: readonly string[] }
  | { readonly kind: "compare"; readonly before: string; readonly after: string }
  | { readonly kind: "unknown" } {
  if (config.apps.length <= 1) return { kind: "known", files: [] };
  if (push.commits.length < PUSH_COMMIT_LIMIT) return { kind: "known", files: changedFiles(push.commits) };
  if (ZERO_SHA.test(push.before) || push.forced) return { kind: "unknown" };
  return { kind: "compare", before: push.before, after: push.after };
}

/** The most closed PRs a draft reads. */
export function pullsToRead(config: Config): number {
  return config.notes?.maxPullRequests ?? 100;
}

/** A read pull request; a facts file may leave out its address and update time. */
type ReadPull = Omit<MergedPull, "url" | "updatedAt"> & { readonly url?: string; readonly updatedAt?: string };

export function draftNotesFacts(input: {
  readonly repo: RepoRef;
  readonly repository: { readonly html_url?: string | null; readonly full_name?: string | null };
  readonly config: Config;
  readonly push: Push;
  readonly defaultBranch: string;
  readonly now: string;
  readonly changedFiles: readonly string[] | "unknown";
  readonly releases: readonly ReleaseFact[];
  readonly pulls: readonly ReadPull[];
  readonly truncated: boolean;
}): DraftNotesFacts {
  const { config, push, repo } = input;
  const web = input.repository.html_url ?? `https://github.com/${input.repository.full_name ?? `${repo.owner}/${repo.repo}`}`;
  return {
    repo,
    defaultBranch: input.defaultBranch,
    branch: push.ref.replace(/^refs\/heads\//, ""),
    now: input.now,
    versioning: config.versioning,
    notes: config.notes,
    releaseName: config.releaseName,
    apps: config.apps,
    changedFiles: input.changedFiles,
    pushedCommits: push.commits.map((c) => c.id),
    releases: input.releases.map((r) => ({
      id: r.id,
      tag: r.tag,
      name: r.name,
      body: r.body,
      draft: r.draft,
      prerelease: r.prerelease,
      publishedAt: r.publishedAt,
    })),
    pulls: input.pulls.map((p) => ({
      ...p,
      url: p.url ?? `${web}/pull/${p.number}`,
      updatedAt: p.updatedAt ?? p.mergedAt ?? input.now,
    })),
    truncated: input.truncated,
  };
}
