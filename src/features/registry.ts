// Every event the app reacts to, and what each sets off: the one list app.ts registers with
// Probot and `release-pilot plan` plans from, so nothing the bot does is missing offline.
import type { EmitterWebhookEventName } from "@octokit/webhooks";
import { reportBrokenConfigOnPush } from "../handlers/broken-config.js";
import { checkRunCompletedFeatures } from "../handlers/events/check-run.js";
import { deploymentStatusFeatures } from "../handlers/events/deployment-status.js";
import { issuesFeatures } from "../handlers/events/issues.js";
import { onPullRequest } from "../handlers/events/pull-request.js";
import { pullRequestClosedFeatures, pullRequestLabeledFeatures } from "../handlers/events/pull-request-backport.js";
import { pushFeatures } from "../handlers/events/push.js";
import { releaseCreatedFeatures } from "../handlers/events/release-created.js";
import { releasePrereleasedFeatures } from "../handlers/events/release-prereleased.js";
import { releasePublishedFeatures } from "../handlers/events/release-published.js";
import { statusFeatures } from "../handlers/events/status.js";
import { workflowRunCompletedFeatures } from "../handlers/events/workflow-run.js";
import { runFeatures, type EventHandler } from "./feature.js";
import { onIssueComment } from "../handlers/issue-comment.js";

type Registry = { readonly [E in EmitterWebhookEventName]?: EventHandler<E> };

const onIssues = runFeatures(issuesFeatures);

export const registry: Registry = {
  "release.published": runFeatures(releasePublishedFeatures),
  push: runFeatures(pushFeatures, reportBrokenConfigOnPush),
  "issue_comment.created": onIssueComment,
  "deployment_status.created": runFeatures(deploymentStatusFeatures),
  "workflow_run.completed": runFeatures(workflowRunCompletedFeatures),
  "check_run.completed": runFeatures(checkRunCompletedFeatures),
  status: runFeatures(statusFeatures),
  "issues.opened": onIssues,
  "issues.edited": onIssues,
  "release.prereleased": runFeatures(releasePrereleasedFeatures),
  "release.created": runFeatures(releaseCreatedFeatures),
  "pull_request.opened": onPullRequest,
  "pull_request.synchronize": onPullRequest,
  "pull_request.reopened": onPullRequest,
  "pull_request.closed": runFeatures(pullRequestClosedFeatures),
  "pull_request.labeled": runFeatures(pullRequestLabeledFeatures),
};

/** The events registered, as `name.action` (or `name` for an event without actions). */
export const registeredEvents = Object.keys(registry) as readonly EmitterWebhookEventName[];
