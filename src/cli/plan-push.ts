// `plan --event push`: what pushFeatures (src/handlers/events/push.ts) would do: deploy the
// environments that follow the branch after their gates, refresh draft notes on the default
// branch, keep the forward-port PR of a release branch, open the checklist of a new release branch.
import { z } from "zod";
import { releaseBranchChecklist } from "../handlers/checklist/open.js";
import { pushDeploys, type PushDeploy } from "../policy/deploy/targets.js";
import { pushFeatures } from "../handlers/events/push.js";
import { reportAutomaticRefusal } from "../policy/deploy/automatic-refusal.js";
import { changedFiles, PUSH_COMMIT_LIMIT } from "../policy/deploy/paths.js";
import type { Trust } from "../policy/deploy/trusted.js";
import { isReleaseBranch, planForwardPort } from "../policy/forward-port.js";
import { planDraftNotes, type MergedPull, type ReleaseFact } from "../policy/notes/index.js";
import { nothing, type Plan } from "../policy/plan.js";
import { planChecklistOpening } from "./plan-checklist.js";
import { planDeployRequest } from "./plan-deploys.js";
import { planDashboard, planFeatures, single, type FeaturePlanner } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";
import { pushTrustOf } from "./plan-world.js";

const Files = z.array(z.string()).default([]);

export const PushPayload = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  created: z.boolean(),
  deleted: z.boolean(),
  forced: z.boolean().default(false),
  commits: z.array(z.object({ id: z.string(), added: Files, removed: Files, modified: Files })),
  pusher: z.object({ name: z.string() }),
  sender: z.object({ login: z.string() }).nullish(),
  repository: Repository,
});

type Push = PlanInput<z.infer<typeof PushPayload>>;

function trustOf(input: Push, deploy: PushDeploy): Trust {
  const { env, app, request } = deploy;
  return pushTrustOf(input, { env: env.name, ...(app === undefined ? {} : { app }), sha: request.sha, pusher: request.requester, trusted: env.trusted });
}

const deployFollowingBranch: FeaturePlanner<z.infer<typeof PushPayload>> = (input) => {
  const { payload, config } = input;
  const deploys = pushDeploys(config, {
    ref: payload.ref,
    after: payload.after,
    deleted: payload.deleted,
    requester: payload.sender?.login ?? payload.pusher.name,
    defaultBranch: input.defaultBranch,
    commits: payload.commits,
  });
  const feature = "deployFollowingBranch";
  if (deploys.length === 0)
    return [{ feature, plan: nothing("event-not-relevant", `No environment follows ${payload.ref} (or the push changed none of its apps).`) }];
  return deploys.map((deploy): PlannedPart => {
    const trust = trustOf(input, deploy);
    if (trust.kind === "untrusted") {
      const { env, app, branch } = deploy;
      const facts = { repo: input.repo, sha: payload.after, env: env.name, ...(app === undefined ? {} : { app }), cause: `The push to ${branch}` };
      return { feature, plan: reportAutomaticRefusal(facts, { error: trust.message }) };
    }
    return { feature, plan: planDeployRequest(input, deploy.request) };
  });
};

function draftNotes(input: Push): Plan | string {
  const { payload, config, facts, repo } = input;
  if (config.notes === null || !config.notes.draft) return nothing("not-configured", "Draft release notes are off (notes.draft).");
  if (payload.deleted || payload.ref !== `refs/heads/${input.defaultBranch}`)
    return nothing("event-not-relevant", `Release notes are drafted from pushes to ${input.defaultBranch}.`);
  if (facts.releases === undefined || facts.pulls === undefined) {
    return "the notes are built from the repository's releases and merged pull requests; give both as `releases` and `pulls` in --facts";
  }
  const web = payload.repository.html_url ?? `https://github.com/${payload.repository.full_name}`;
  const releases: ReleaseFact[] = facts.releases.map((r) => ({
    id: r.id,
    tag: r.tag,
    name: r.name ?? r.tag,
    body: r.body,
    draft: r.draft,
    prerelease: r.prerelease,
    publishedAt: r.publishedAt,
  }));
  const max = config.notes.maxPullRequests;
  const pulls: MergedPull[] = facts.pulls.slice(0, max).map((p) => ({
    number: p.number,
    title: p.title,
    url: p.url ?? `${web}/pull/${p.number}`,
    author: p.author,
    labels: p.labels,
    mergedAt: p.mergedAt,
    mergeCommitSha: p.mergeCommitSha,
    updatedAt: p.updatedAt ?? p.mergedAt ?? input.now,
  }));
  // The handler asks compare for the files when GitHub cut the payload's commit list short.
  const cut = payload.commits.length >= PUSH_COMMIT_LIMIT;
  if (config.apps.length > 1 && cut) input.assumed.add("changed files: unknown (the payload's commit list may be cut short)");
  return planDraftNotes({
    repo,
    defaultBranch: input.defaultBranch,
    branch: payload.ref.replace(/^refs\/heads\//, ""),
    now: input.now,
    versioning: config.versioning,
    notes: config.notes,
    releaseName: config.releaseName,
    apps: config.apps,
    changedFiles: config.apps.length > 1 ? (cut ? "unknown" : changedFiles(payload.commits)) : [],
    pushedCommits: payload.commits.map((c) => c.id),
    releases,
    pulls,
    truncated: facts.pulls.length > max,
  });
}

function forwardPort(input: Push): Plan {
  const { payload, config, facts } = input;
  const branch = payload.ref.slice("refs/heads/".length);
  const template = config.checklist?.releaseBranch ?? null;
  if (payload.deleted || !payload.ref.startsWith("refs/heads/") || branch === input.defaultBranch || !isReleaseBranch(branch, template)) {
    return nothing("event-not-relevant", `${payload.ref} is not a release branch; nothing to forward-port.`);
  }
  const compared = facts.forwardPort;
  if (compared === undefined) input.assumed.add(`forwardPort: ${branch} has no commit ${input.defaultBranch} lacks, and no forward-port PR is open`);
  const ahead = compared?.ahead ?? [];
  return planForwardPort({
    repo: input.repo,
    branch,
    defaultBranch: input.defaultBranch,
    releaseBranchTemplate: template,
    ahead,
    aheadBy: compared?.aheadBy ?? ahead.length,
    openPull: compared?.openPull ?? null,
  });
}

function openChecklistOnReleaseBranch(input: Push): Plan {
  const decided = releaseBranchChecklist(input.config, input.payload);
  if (decided.kind === "skip") return nothing("event-not-relevant", "The push does not create a release branch that opens a checklist.");
  if (decided.kind === "no-app")
    return nothing("event-not-relevant", `The release branch ${decided.branch} names no app in a repository with several; no checklist opened.`);
  return planChecklistOpening(input, decided);
}

export function planPush(input: Push): PlannedPart[] {
  return planFeatures(input, pushFeatures, {
    deployFollowingBranch,
    draftNotes: single("draftNotes", draftNotes),
    forwardPort: single("forwardPort", forwardPort),
    openChecklistOnReleaseBranch: single("openChecklistOnReleaseBranch", openChecklistOnReleaseBranch),
    refreshDashboard: planDashboard,
  });
}
