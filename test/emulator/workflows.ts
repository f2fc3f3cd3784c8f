// `POST /repos/{owner}/{repo}/actions/workflows/{workflow_id}/dispatches` as strictly as GitHub:
// the workflow file is read at the ref, and the dispatch is refused unless that file has a
// `workflow_dispatch` trigger declaring every input given and given every required input without
// a default. Each answer is GitHub's recorded one:
// - a ref that is not a branch or tag (a commit SHA included): 422 "No ref found for: <ref>"
//   (convictional/trigger-workflow-and-wait#44; the description's `ref`: "a branch or tag name");
// - no `workflow_dispatch` trigger: 422 "Workflow does not have 'workflow_dispatch' trigger"
//   (benc-uk/workflow-dispatch#46, #65);
// - an input the workflow does not declare: 422 `Unexpected inputs provided: ["foo"]`
//   (convictional/trigger-workflow-and-wait#4, peter-evans/slash-command-dispatch#115);
// - a required input not given: 422 "Required input 'branch_name' not provided"
//   (backstage/backstage#18511); one with a `default` may be left out ("Any default properties
//   configured in the workflow file will be used when `inputs` are omitted", the description);
// - no such workflow file on the default branch, where GitHub registers workflows: 404 "Not Found".
// More than 25 inputs break the description's `maxProperties`, so the contract check refuses them.
// `return_run_details: true` answers 200 with `workflow_run_id`, `run_url` and `html_url` (the
// description's "Workflow Dispatch Response"), else 204.
import { parse } from "yaml";
import { HttpError, type RouteContext } from "./http.js";
import type { Repo, Store, WorkflowDispatch } from "./store.js";

export interface DeclaredInput {
  readonly required: boolean;
  readonly hasDefault: boolean;
}

/** The `workflow_dispatch` inputs a workflow file declares; undefined when it has no such trigger. */
export function dispatchInputsOf(yamlText: string): Map<string, DeclaredInput> | undefined {
  let doc: unknown;
  try {
    doc = parse(yamlText);
  } catch {
    return undefined;
  }
  if (typeof doc !== "object" || doc === null) return undefined;
  const on = (doc as Record<string, unknown>)["on"] ?? (doc as Record<string, unknown>)["true"];
  if (on === "workflow_dispatch") return new Map();
  if (Array.isArray(on)) return on.includes("workflow_dispatch") ? new Map() : undefined;
  if (typeof on !== "object" || on === null || !("workflow_dispatch" in on)) return undefined;
  const trigger = (on as Record<string, unknown>)["workflow_dispatch"];
  const inputs = typeof trigger === "object" && trigger !== null ? (trigger as Record<string, unknown>)["inputs"] : undefined;
  const declared = new Map<string, DeclaredInput>();
  if (typeof inputs !== "object" || inputs === null) return declared;
  for (const [name, spec] of Object.entries(inputs)) {
    const fields = typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>) : {};
    declared.set(name, { required: fields["required"] === true, hasDefault: fields["default"] !== undefined });
  }
  return declared;
}

/** A branch or tag name only: GitHub does not dispatch on a commit SHA. */
function refCommit(repo: Repo, ref: string): string | undefined {
  const name = ref.replace(/^refs\/(heads|tags)\//, "");
  const full = ref.startsWith("refs/") ? [ref] : [`refs/heads/${name}`, `refs/tags/${name}`];
  for (const candidate of full) {
    const sha = repo.git.refs.get(candidate);
    if (sha !== undefined) return repo.git.peel(sha);
  }
  return undefined;
}

export interface Dispatched {
  readonly dispatch: WorkflowDispatch;
  readonly details: boolean;
}

export function dispatchWorkflow(ctx: RouteContext, store: Store, repo: Repo): Dispatched {
  const ref = typeof ctx.body["ref"] === "string" ? ctx.body["ref"] : "";
  const workflowId = ctx.params["workflow_id"] ?? "";
  const path = `.github/workflows/${workflowId}`;
  const onDefault = refCommit(repo, repo.defaultBranch);
  if (onDefault === undefined || repo.git.readFile(onDefault, path) === undefined) throw new HttpError(404, "Not Found");
  const commit = refCommit(repo, ref);
  if (commit === undefined) throw new HttpError(422, `No ref found for: ${ref}`);
  const file = repo.git.readFile(commit, path);
  const declared = file === undefined ? undefined : dispatchInputsOf(file.content.toString("utf8"));
  if (declared === undefined) throw new HttpError(422, "Workflow does not have 'workflow_dispatch' trigger");
  const inputs = (ctx.body["inputs"] as Record<string, unknown> | undefined) ?? {};
  const unexpected = Object.keys(inputs).filter((name) => !declared.has(name));
  if (unexpected.length > 0) throw new HttpError(422, `Unexpected inputs provided: ${JSON.stringify(unexpected)}`);
  for (const [name, input] of declared) {
    if (input.required && !input.hasDefault && inputs[name] === undefined) throw new HttpError(422, `Required input '${name}' not provided`);
  }
  const dispatch: WorkflowDispatch = {
    owner: repo.owner,
    repo: repo.name,
    workflow_id: workflowId,
    ref,
    inputs,
    at: new Date().toISOString(),
    runId: store.id(),
    headSha: commit,
  };
  store.workflowDispatches.push(dispatch);
  return { dispatch, details: ctx.body["return_run_details"] === true };
}

/** The body GitHub answers a dispatch asked for its run's details. */
export function runDetails(ctx: RouteContext, dispatch: WorkflowDispatch): Record<string, unknown> {
  const base = `${dispatch.owner}/${dispatch.repo}/actions/runs/${dispatch.runId}`;
  return { workflow_run_id: dispatch.runId, run_url: `${ctx.apiUrl}/repos/${base}`, html_url: `${ctx.webUrl}/${base}` };
}
