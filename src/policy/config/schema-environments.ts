// Schema of the deployment half: environments, their triggers, gates and deploy targets.
// Alternatives (follows a branch or a release; a workflow or a repository_dispatch) are single
// objects whose exclusivity is a cross-field rule, so a typo gets "unknown key" and not "no union
// member matched".
import { z } from "zod";
import { duration, repoName, stringList, template } from "./schema-primitives.js";
import { DeployRules } from "./schema-deploy-rules.js";

/**
 * Upper bounds of the config's durations. A lock longer than /lock's own limit (30d) would outlive
 * anyone who remembers it; an hour is longer than any deploy takes to go live; approvals older
 * than a month no longer speak for the commit's reviewers.
 */
export const MAX_LOCK_TIMEOUT = "30d";
export const MAX_VERIFY_TIMEOUT = "1h";
export const MAX_APPROVALS_WITHIN = "30d";

export const AUTHOR_ASSOCIATIONS = ["OWNER", "MEMBER", "COLLABORATOR"] as const;

export const Follows = z
  .strictObject({
    branch: z.string().min(1).optional().describe("Deploy every push to this branch, e.g. main."),
    release: z
      .enum(["published", "prereleased", "prerelease-only"])
      .optional()
      .describe("Deploy each release: published (finals only), prereleased (candidates and finals) or prerelease-only (candidates only, e.g. a beta channel)."),
  })
  .describe("What deploys this environment automatically: give branch or release. Without follows it is deployed only on /deploy.");

export const Deploy = z
  .strictObject({
    workflow: z.string().min(1).optional().describe("Workflow file to dispatch (workflow_dispatch), e.g. deploy.yml."),
    repository_dispatch: template("Send a repository_dispatch event with this event type instead of a workflow.").optional(),
    repo: repoName.optional().describe("Repository that holds the workflow or receives the event. Default: this repository."),
    ref: template(
      "Branch or tag the workflow runs on (GitHub does not dispatch on a commit: pass {sha} in an input). Default: that repository's default branch.",
    ).optional(),
    inputs: z
      .record(z.string(), z.string())
      .optional()
      .describe(
        "Workflow inputs, each a template and each declared by the workflow's on.workflow_dispatch.inputs, e.g. { tag: 'rel-{version}', actor: '{actor}' }; deployment_id is added where declared.",
      ),
    payload: z.record(z.string(), z.string()).optional().describe("client_payload of the repository_dispatch event, each value a template."),
  })
  .describe("How a deployment is started: give workflow or repository_dispatch.");

export const Verify = z
  .strictObject({
    url: z
      .url({ error: "expected an absolute URL" })
      .describe("Public http(s) URL that reports the running version; private, loopback and link-local addresses are refused."),
    expect: template("What the URL must answer once the deploy is live, e.g. {sha}."),
    timeout: duration(MAX_VERIFY_TIMEOUT).default("10m").describe(`How long to wait for the URL to answer it, at most ${MAX_VERIFY_TIMEOUT}.`),
  })
  .describe("Check the deploy went live by reading a version endpoint.");

export const Migrations = z
  .strictObject({
    check: z.string().min(1).describe("Check run that fails while database migrations are pending."),
    inputs: z
      .record(z.string(), z.string())
      .default({})
      .describe("Extra workflow inputs (templates) of a /deploy --with-migrations, e.g. { migrate: 'true' }."),
  })
  .describe("Pending migrations stop automatic deploys; a person deploys with /deploy <env> --with-migrations.");

export const Environment = z.strictObject({
  follows: Follows.optional(),
  apps: stringList.optional().describe("Apps deployed to this environment. Default: every app."),
  deploy: Deploy,
  requires: stringList
    .default([])
    .describe(
      "Environments where the same version must have succeeded first (a promotion chain). An environment following releases that requires another one following releases is deployed when the release succeeds there.",
    ),
  checks: stringList
    .default([])
    .describe(
      "Checks that must be green on the commit before it is deployed: each name is a check run's name (GitHub Actions, GitHub Apps) or a commit status's context (Jenkins and other CI that report through the Statuses API, compared without case). A pending status counts as still running; error and failure as failed. A push whose checks are still running waits for them and is deployed when the last one passes.",
    ),
  approvals: z
    .number()
    .int()
    .min(0)
    .max(20)
    .default(0)
    .describe("Approving reviews, or 👍 reactions from people with the commands permission, needed before /deploy runs."),
  approvals_within: duration(MAX_APPROVALS_WITHIN).optional().describe(`Approvals older than this do not count, e.g. 24h; at most ${MAX_APPROVALS_WITHIN}.`),
  trusted: z
    .array(z.enum(AUTHOR_ASSOCIATIONS))
    .default([...AUTHOR_ASSOCIATIONS])
    .describe("Author associations whose pushes deploy automatically; anyone else's need an approval first."),
  image_tag: template("Container image tag of a deploy, e.g. rel-{version} or {env}-{sha8}-{date:DD-MM-YYYY}.{epoch}.").optional(),
  pointer_tag: z.string().min(1).optional().describe("Git tag moved to the deployed commit, e.g. production."),
  verify: Verify.optional(),
  migrations: Migrations.optional(),
  queue: z.boolean().default(false).describe("Wait for a running deploy of this environment instead of refusing the new one."),
  lock_timeout: duration(MAX_LOCK_TIMEOUT).default("1h").describe(`A lock on this environment expires after this long, at most ${MAX_LOCK_TIMEOUT}.`),
  url: z.string().min(1).optional().describe("URL of the environment, shown on deployments and in /status."),
  ...DeployRules,
});

export const Environments = z
  .record(z.string().regex(/^[A-Za-z0-9_.-]+$/, { error: "environment names use letters, digits, '.', '_' and '-'" }), Environment)
  .describe("Deployment environments by name.");
