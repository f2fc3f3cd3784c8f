import type { ApplicationFunctionOptions, Probot } from "probot";
import { runOptionsFromEnv, type RunOptions } from "./handlers/carry-out.js";
import { runTimer } from "./handlers/timers.js";
import { identityOf, type IdentitySource } from "./github/identity.js";
import { pushFeatures } from "./handlers/events/push.js";
import { releasePublishedFeatures } from "./handlers/events/release-published.js";
import { deploymentStatusFeatures } from "./handlers/events/deployment-status.js";
import { workflowRunCompletedFeatures } from "./handlers/events/workflow-run.js";
import { checkRunCompletedFeatures } from "./handlers/events/check-run.js";
import { issuesFeatures } from "./handlers/events/issues.js";
import { releasePrereleasedFeatures } from "./handlers/events/release-prereleased.js";
import { releaseCreatedFeatures } from "./handlers/events/release-created.js";
import { runFeatures } from "./handlers/feature.js";
import { reportBrokenConfigOnPush } from "./handlers/broken-config.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onPullRequest } from "./handlers/events/pull-request.js";
import { missingPayloadField } from "./policy/payload-shape.js";
import { runtimeSettingsFromEnv, startRuntime } from "./runtime/index.js";

interface Guardable {
  readonly name: string;
  readonly id: string;
  readonly payload: unknown;
  readonly log: { warn(fields: object, message: string): void };
}

/**
 * A handler that runs only on a payload holding what handlers read (src/policy/payload-shape.ts);
 * any other is skipped with a log line, not failed with "Cannot read properties of undefined".
 */
function guarded<C extends Guardable>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    const missing = missingPayloadField(context.name, context.payload);
    if (missing !== undefined) {
      context.log.warn({ delivery: context.id, event: context.name, missing }, `payload skipped: it has no ${missing}`);
      return;
    }
    await handler(context);
  };
}

/** Entry point: registers each event once and holds no logic. */
export default function releasePilot(app: Probot, server?: Pick<ApplicationFunctionOptions, "addHandler">, self: IdentitySource = identityOf(app)): void {
  let options: RunOptions = runOptionsFromEnv(process.env, self);
  // Webhooks are stored and answered at once, then replayed through the handlers below; the
  // queue also keeps the timers the handlers set (verify requests, lock expiry checks). Jobs
  // start on a later turn, after `options` below names the queue.
  const runtime = server ? startRuntime(app, server, runtimeSettingsFromEnv(process.env), { onTimer: (job) => runTimer(app, job, options), self }) : undefined;
  if (runtime) options = { ...options, timers: runtime.timers };
  app.on(
    "release.published",
    guarded((context) => runFeatures(context, releasePublishedFeatures, options)),
  );
  app.on(
    "push",
    guarded((context) => runFeatures(context, pushFeatures, options, (invalid) => reportBrokenConfigOnPush(context, invalid, options))),
  );
  app.on(
    "issue_comment.created",
    guarded((context) => onIssueComment(context, options)),
  );
  app.on(
    "deployment_status.created",
    guarded((context) => runFeatures(context, deploymentStatusFeatures, options)),
  );
  app.on(
    "workflow_run.completed",
    guarded((context) => runFeatures(context, workflowRunCompletedFeatures, options)),
  );
  app.on(
    "check_run.completed",
    guarded((context) => runFeatures(context, checkRunCompletedFeatures, options)),
  );
  app.on(
    ["issues.opened", "issues.edited"],
    guarded((context) => runFeatures(context, issuesFeatures, options)),
  );
  app.on(
    "release.prereleased",
    guarded((context) => runFeatures(context, releasePrereleasedFeatures, options)),
  );
  app.on(
    "release.created",
    guarded((context) => runFeatures(context, releaseCreatedFeatures, options)),
  );
  app.on(
    ["pull_request.opened", "pull_request.synchronize", "pull_request.reopened"],
    guarded((context) => onPullRequest(context, options)),
  );
}
