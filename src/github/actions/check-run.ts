import type { CheckRun } from "../../policy/plan.js";
import type { GitHub } from "../client.js";
import { effect, type ActionRunner } from "../effects.js";
import { LIMITS, fitBody } from "../limits.js";

// GitHub caps annotations at 50 per request; the rest are summarised in the text.
const ANNOTATION_LIMIT = 50;

type ExistingRun = Awaited<ReturnType<GitHub["rest"]["checks"]["listForRef"]>>["data"]["check_runs"][number];

/**
 * One run per check name and commit, as GitHub Actions shows a job: the newest run of the name is
 * the one people see, so it is the only one looked at. It is this action's own run when it carries
 * the action's key, a run this one continues when its external_id starts with one of `continues`;
 * anything else (another outcome, or no run yet) gets a new run.
 */
export const checkRun: ActionRunner<CheckRun> = async (action, { octokitFor }) => {
  const { repo } = action;
  const octokit = await octokitFor(repo);
  // filter=all and the highest id, rather than GitHub's `latest`, so which run is newest does not
  // hang on how GitHub orders runs that have not completed yet.
  const { data: listed } = await octokit.rest.checks.listForRef({
    ...repo,
    ref: action.headSha,
    check_name: action.name,
    filter: "all",
    per_page: 100,
  });
  const newest = listed.check_runs.reduce<ExistingRun | undefined>((found, run) => (found === undefined || run.id > found.id ? run : found), undefined);
  const decision = decide(action, newest);
  if (decision === "already-done" && newest !== undefined) return effect(action, "already-done", { url: newest.html_url ?? undefined, id: newest.id });
  if (decision === "update" && newest !== undefined) {
    // Annotations are appended on every update, so they are sent only when the run becomes this
    // action's; the same key again changes only the words.
    const firstWrite = newest.external_id !== action.key;
    const { data } = await octokit.rest.checks.update({ ...repo, check_run_id: newest.id, ...body(action, firstWrite) });
    return effect(action, "done", { url: data.html_url ?? undefined, id: data.id });
  }
  const { data } = await octokit.rest.checks.create({ ...repo, name: action.name, head_sha: action.headSha, ...body(action, true) });
  return effect(action, "done", { url: data.html_url ?? undefined, id: data.id });
};

function decide(action: CheckRun, newest: ExistingRun | undefined): "already-done" | "update" | "create" {
  if (newest === undefined) return "create";
  if (newest.external_id === action.key) {
    // A completed run is final for its key (a redelivered event must not rewrite or re-annotate
    // it); a run still in progress is done when it already says what the action says.
    if (newest.status === "completed") return "already-done";
    if (action.status === "in_progress" && newest.output.title === action.title && newest.output.summary === summaryOf(action)) return "already-done";
    return "update";
  }
  const continued = (action.continues ?? []).some((prefix) => newest.external_id?.startsWith(prefix) === true);
  if (!continued) return "create";
  // A finished run is not reopened: its conclusion stays in the history, and a new wait is a new run.
  return newest.status === "completed" && action.status === "in_progress" ? "create" : "update";
}

/** The summary as GitHub will take it (cut with a note beyond its limit). */
function summaryOf(action: CheckRun): string {
  return fitBody(action.summary, LIMITS.checkRunSummary);
}

function body(action: CheckRun, withAnnotations: boolean) {
  const state = action.status === "in_progress" ? { status: "in_progress" as const } : { status: "completed" as const, conclusion: action.conclusion };
  const annotations = withAnnotations
    ? action.annotations.slice(0, ANNOTATION_LIMIT).map((annotation) => ({
        path: annotation.path,
        start_line: annotation.line,
        end_line: annotation.line,
        annotation_level: annotation.level,
        message: annotation.message,
      }))
    : [];
  return {
    external_id: action.key,
    ...state,
    output: { title: action.title, summary: summaryOf(action), ...(annotations.length === 0 ? {} : { annotations }) },
  };
}
