import type { Probot } from "probot";
import { runOptionsFromEnv } from "./handlers/carry-out.js";
import { onIssueComment } from "./handlers/issue-comment.js";
import { onReleasePublished } from "./handlers/release.js";

/** Entry point: registers each event once and holds no logic. */
export default function releasePilot(app: Probot): void {
  const options = runOptionsFromEnv(process.env);
  app.on("release.published", (context) => onReleasePublished(context, options));
  app.on("issue_comment.created", (context) => onIssueComment(context, options));
}
