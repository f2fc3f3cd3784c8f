// The proposed config's deploy workflows checked against the workflow files as the same pull
// request leaves them: each input the config passes that a workflow does not declare, and each
// required one it does not give, is a problem on the config's line, before a deploy meets
// GitHub's 422 (src/policy/deploy/workflow-inputs.ts says why each is refused). Workflows in
// another repository are not read here; their dispatch is checked when it is made.
import type { Config } from "./config/index.js";
import { inputProblems, workflowDeclaration } from "./deploy/workflow-inputs.js";

/** A workflow file as read at the pull request's head: `text` undefined when there is none. */
export interface WorkflowFileFact {
  readonly text: string | undefined;
}

/** The workflow files, in this repository, that the config dispatches. */
export function workflowsToRead(config: Config): string[] {
  const files = new Set<string>();
  for (const env of config.environments) if (env.deploy.kind === "workflow" && env.deploy.repo === null) files.add(env.deploy.workflow);
  return [...files];
}

export interface WorkflowIssue {
  readonly path: string;
  readonly message: string;
}

/** One problem per environment whose dispatch its workflow would refuse; a workflow not read is skipped. */
export function workflowInputIssues(
  config: Config,
  workflows: ReadonlyMap<string, WorkflowFileFact>,
  at: { readonly repo: string; readonly sha: string },
): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  for (const env of config.environments) {
    const { deploy } = env;
    if (deploy.kind !== "workflow" || deploy.repo !== null) continue;
    const file = workflows.get(deploy.workflow);
    if (file === undefined) continue;
    const given = [...Object.keys(deploy.inputs), ...Object.keys(env.migrations?.inputs ?? {})];
    const target = { workflow: deploy.workflow, repo: at.repo, ref: at.sha.slice(0, 7) };
    const declaration = workflowDeclaration(file.text);
    const field = declaration.ok ? "inputs" : "workflow";
    for (const message of inputProblems(target, declaration, given)) issues.push({ path: `environments.${env.name}.deploy.${field}`, message });
  }
  return issues;
}
