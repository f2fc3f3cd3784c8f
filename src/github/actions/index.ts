import type { Runners } from "../effects.js";
import { checkRun } from "./check-run.js";
import { comment, react } from "./comment.js";
import { commitFiles } from "./commit.js";
import { createDeployment, setDeploymentStatus } from "./deployment.js";
import { dispatchRepositoryEvent, dispatchWorkflow } from "./dispatch.js";
import { createIssue, updateIssue } from "./issue.js";
import { acquireLock, releaseLock } from "./lock.js";
import { openPullRequest } from "./pull-request.js";
import { createRelease, updateRelease } from "./release.js";
import { createTag, moveTag } from "./tag.js";

/** One runner per action kind; the type makes a new kind without a runner a compile error. */
export const runners: Runners = {
  "open-pull-request": openPullRequest,
  "commit-files": commitFiles,
  "create-issue": createIssue,
  "update-issue": updateIssue,
  comment,
  react,
  "create-tag": createTag,
  "move-tag": moveTag,
  "create-release": createRelease,
  "update-release": updateRelease,
  "dispatch-workflow": dispatchWorkflow,
  "dispatch-repository-event": dispatchRepositoryEvent,
  "create-deployment": createDeployment,
  "set-deployment-status": setDeploymentStatus,
  "acquire-lock": acquireLock,
  "release-lock": releaseLock,
  "check-run": checkRun,
};
