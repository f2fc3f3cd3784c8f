// What `--facts <file>` may say: everything a handler would read from GitHub before deciding.
// Each key is optional; a missing one takes the documented default below, and the plan names
// every default it leaned on ("Assumed:") so a person knows what to give to try another case.
// Keys that default are left optional here (not zod defaults) so the planners can tell a fact
// given as empty (`"locks": {}`) from one not given at all.
import { z } from "zod";
import { BackportFacts } from "./backport-schema.js";

const DeploymentRecord = z.object({
  id: z.number().optional(),
  sha: z.string(),
  /** What was deployed as named (a tag, a branch); the SHA when absent. */
  ref: z.string().optional(),
  /**
   * Its state in the app's history (src/policy/deploy/history-state.ts): `inactive` is a success
   * made inactive later (GitHub's auto_inactive, by any app's newer success); one made inactive
   * after a failure is that failure, and one made inactive before it finished is left out.
   */
  state: z.enum(["success", "failure", "error", "inactive", "pending", "in_progress", "queued"]),
  createdAt: z.string().optional(),
  imageTag: z.string().optional(),
  /** The app the deployment was of, in a repository with several. */
  app: z.string().optional(),
  /** Who created it; someone else's deployment is no part of the history. Default: this app (appLogin). */
  creator: z.string().optional(),
  /** Who asked for it (the payload's requested_by), as /status shows it. Default: its creator. */
  requestedBy: z.string().optional(),
  /** The key of the plan action that made it (`release_pilot_key`). Default: none. */
  key: z.string().optional(),
  /** The whole payload as this app wrote it (a queued deploy's dispatch, a release's id); `pending` with `queued_behind` is a deploy waiting in the queue. Default: from app, imageTag and key. */
  payload: z.record(z.string(), z.unknown()).optional(),
  /** The newest status's description. Default: none. */
  description: z.string().optional(),
  productionEnvironment: z.boolean().optional(),
});

const CheckRun = z.object({
  name: z.string(),
  status: z.string().default("completed"),
  conclusion: z.string().nullable().default("success"),
  /** What the run's maker keyed it with; a held deploy's check names the pusher in it (checks-hold.ts). */
  externalId: z.string().nullable().default(null),
});

const CommitStatus = z.object({
  context: z.string(),
  state: z.enum(["error", "failure", "pending", "success"]),
});

/** `key`: the acquire-lock action's key its message carries (`lock:<scope>:<deploy key>`), which a lock expiry timer names. */
const Lock = z.object({
  holder: z.string(),
  reason: z.string().default(""),
  expiresAt: z.string(),
  deploymentKey: z.string().optional(),
  key: z.string().optional(),
});

const ChecklistIssue = z.object({
  number: z.number(),
  state: z.enum(["open", "closed"]).default("open"),
  body: z.string(),
  url: z.string().optional(),
  /** As /status and the dashboard list it. Default: "Release checklist". */
  title: z.string().optional(),
});

/** A file a pull request changes, as GitHub lists it. */
const PullFile = z.object({ filename: z.string(), status: z.string().default("modified") });

const Release = z.object({
  id: z.number(),
  tag: z.string(),
  name: z.string().optional(),
  url: z.string().optional(),
  body: z.string().default(""),
  draft: z.boolean().default(false),
  prerelease: z.boolean().default(false),
  publishedAt: z.string().nullable().default(null),
});

const Pull = z.object({
  number: z.number(),
  title: z.string(),
  url: z.string().optional(),
  author: z.string().default("ghost"),
  labels: z.array(z.string()).default([]),
  mergedAt: z.string().nullable(),
  mergeCommitSha: z.string().nullable().default(null),
  updatedAt: z.string().optional(),
});

const DownstreamFile = z.object({ base: z.string().optional(), content: z.string().optional(), reachable: z.boolean().default(true) });

/** A 👍 on the command, or with `review` an approving review: of that commit, with the pull request's head then. */
const Approval = z.object({
  login: z.string(),
  permission: z.string().default("write"),
  at: z.string(),
  review: z.object({ commit: z.string(), head: z.string() }).optional(),
});

/** A branch's protection as the app reads it (src/facts/release.ts BranchProtectionFact). */
const Protection = z.object({
  protected: z.boolean().default(true),
  requiredChecks: z.array(z.string()).default([]),
  details: z
    .object({ pullRequestsRequired: z.boolean().default(false), pushRestricted: z.boolean().default(false), locked: z.boolean().default(false) })
    .optional(),
  rules: z.array(z.object({ type: z.string(), checks: z.array(z.string()).default([]), appMayBypass: z.boolean().default(false) })).default([]),
});

const ForwardPort = z.object({
  ahead: z.array(z.object({ sha: z.string(), message: z.string() })).default([]),
  aheadBy: z.number().optional(),
  openPull: z
    .object({ number: z.number(), body: z.string().default("") })
    .nullable()
    .default(null),
});

export const PlanFacts = z
  .object({
    /** ISO time of the decision. Default: now. */
    now: z.string().optional(),
    /** This app's bot user, which creates its deployments and writes its comments. Default: release-pilot[bot]. */
    appLogin: z.string().optional(),
    /** Repository permission of whoever set the event off (for check_run and status, who pushed the held deploy). Default: commands.permission for a comment, write for a push. */
    permission: z.string().optional(),
    /** author_association of the pull request a pushed commit merged. Default: none. */
    mergedPullAssociation: z.string().optional(),
    /** Deployments per environment, newest first. Default: none anywhere. */
    deployments: z.record(z.string(), z.array(DeploymentRecord)).optional(),
    /** Check runs on the commit, newest of each name first. Default: every check an environment asks for, green (for check_run and status, with the deploy's held check; a status event's context is left to its status). */
    checkRuns: z.array(CheckRun).optional(),
    /** The latest commit status of each context on the commit (CI that reports statuses, such as Jenkins). Default: none (for a status event, its own status). */
    commitStatuses: z.array(CommitStatus).optional(),
    /** Locks per environment (or `env@app`). Default: none. */
    locks: z.record(z.string(), Lock).optional(),
    /** Default branch of a deploy workflow's other repository. Default: main. */
    workflowDefaultBranch: z.string().optional(),
    /** The commit a release's tag names. Default: the payload's target_commitish. */
    sha: z.string().optional(),
    /** Who published a release (the changelog PR's actor). Default: the payload's sender. */
    actor: z.string().optional(),
    defaultBranch: z.string().optional(),
    /** Branches, tags and refs → the commit each names. Default: a name stands for its commit. */
    refs: z.record(z.string(), z.string()).optional(),
    /** Files at the default branch's head (changelog, version files), or for a pull request at its head. Default: not known; the config is the --config file. */
    files: z.record(z.string(), z.string()).optional(),
    /** Every tag name of the repository, for /release. Default: none. */
    tags: z.array(z.string()).optional(),
    /** 👍 on the command comment and approving reviews, each with the person's permission. Default: none. */
    approvals: z.array(Approval).optional(),
    /** The checklist template's text. Default: absent, so the built-in template is used. */
    template: z.string().optional(),
    /** Issues carrying the checklist labels. Default: none. */
    checklists: z.array(ChecklistIssue).optional(),
    /** The repository's newest releases, for draft notes and /release. Default: not known (notes), none (/release). */
    releases: z.array(Release).optional(),
    /** Closed pull requests into the default branch, newest updated first. Default: not known. */
    pulls: z.array(Pull).optional(),
    /** The open Release Dashboard issue this app wrote. Default: none yet. */
    dashboard: z.object({ number: z.number(), body: z.string() }).nullable().optional(),
    /** The files the pull request changes. Default: it edits .github/release-pilot.yml. */
    pullFiles: z.array(PullFile).optional(),
    /** Each downstream file by `owner/repo`. Default: not known, so pins are not planned. */
    downstream: z.record(z.string(), DownstreamFile).optional(),
    /** What compare says of a release branch against the default branch. Default: nothing ahead. */
    forwardPort: ForwardPort.optional(),
    /** A backport's pull request and cherry-pick. Default: not known, so a backport is not planned. */
    backport: BackportFacts.optional(),
    /** The default branch's protection, for /release and changelog commits. Default: not protected, no rules. */
    protection: Protection.optional(),
    /** The bot already said the checklist is ready. Default: false. */
    alreadyAnnouncedReady: z.boolean().optional(),
    /** What the default branch's head shows, for auto checklist items. Default: unknown. */
    auto: z
      .object({ ciGreen: z.boolean().optional(), changelogReady: z.boolean().optional(), stagingDeployed: z.boolean().optional(), sha: z.string().optional() })
      .optional(),
    /** The pull request a /deploy is typed on, for deploying its head. Default: open, from the branch pr-<number> of this repository, not behind. */
    pull: z
      .object({
        headSha: z.string(),
        headRef: z.string(),
        /** `owner/name` of the head's repository (a fork's), null once the fork is deleted. Default: this repository. */
        headRepo: z.string().nullable().optional(),
        baseRef: z.string().optional(),
        open: z.boolean().default(true),
        behindBy: z.number().int().min(0).default(0),
      })
      .optional(),
    /** Members of each `org/team` a deployers, approvers or override list names. Default: nobody. */
    teams: z.record(z.string(), z.array(z.string())).optional(),
    /** The version URL's answer for a deploy with `verify`. Default: it matches. */
    verified: z.boolean().optional(),
  })
  .strict();

export type PlanFacts = z.infer<typeof PlanFacts>;

export const NO_FACTS: PlanFacts = PlanFacts.parse({});

/** Defaults leaned on while planning, printed under the plan; each said once. */
export class Assumptions {
  private readonly said = new Set<string>();

  add(text: string): void {
    this.said.add(text);
  }

  list(): readonly string[] {
    return [...this.said];
  }
}
