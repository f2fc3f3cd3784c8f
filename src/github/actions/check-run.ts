import type { CheckRun } from "../../policy/plan.js";
import { effect, type ActionRunner } from "../effects.js";

// GitHub caps annotations at 50 per request; the rest are summarised in the text.
const ANNOTATION_LIMIT = 50;

export const checkRun: ActionRunner<CheckRun> = async (action, { octokit }) => {
  const { repo } = action;
  const { data: existing } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: action.headSha,
    check_name: action.name,
    per_page: 100,
  });
  const found = existing.check_runs.find((run) => run.external_id === action.key);
  if (found !== undefined) return effect(action, "already-done", { url: found.html_url ?? undefined, id: found.id });
  const { data } = await octokit.rest.checks.create({
    ...repo,
    name: action.name,
    head_sha: action.headSha,
    external_id: action.key,
    status: "completed",
    conclusion: action.conclusion,
    output: {
      title: action.title,
      summary: action.summary,
      annotations: action.annotations.slice(0, ANNOTATION_LIMIT).map((annotation) => ({
        path: annotation.path,
        start_line: annotation.line,
        end_line: annotation.line,
        annotation_level: annotation.level,
        message: annotation.message,
      })),
    },
  });
  return effect(action, "done", { url: data.html_url ?? undefined, id: data.id });
};
