// Deploy workflow files for seeded repositories: GitHub dispatches a workflow only with the
// inputs its `on.workflow_dispatch.inputs` declares (test/emulator/workflows.ts), so a repository
// a test deploys from holds the workflow, as a real one would.
import { parse } from "yaml";

/** A workflow_dispatch workflow declaring these inputs (none required), plus `deployment_id`. */
export function deployWorkflow(
  inputs: readonly string[],
  options: { readonly required?: readonly string[]; readonly withDeploymentId?: boolean } = {},
): string {
  const names = [...inputs, ...(options.withDeploymentId === false ? [] : ["deployment_id"])];
  const lines = ["name: Deploy", "on:", "  workflow_dispatch:", ...(names.length === 0 ? [] : ["    inputs:"])];
  for (const name of names) lines.push(`      ${name}:`, `        required: ${options.required?.includes(name) === true}`);
  lines.push("jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    steps:", "      - run: echo deploying", "");
  return lines.join("\n");
}

/**
 * The workflow files a config's environments dispatch in its own repository, each declaring the
 * inputs the config gives it (migration inputs included) and `deployment_id`: the workflow a team
 * writes for that config. Tests that are about a mismatch write their own file instead.
 */
export function workflowsFor(configText: string): Record<string, string> {
  const config = parse(configText) as { environments?: Record<string, RawEnvironment> } | null;
  const inputs = new Map<string, Set<string>>();
  for (const env of Object.values(config?.environments ?? {})) {
    const deploy = env?.deploy;
    if (deploy?.workflow === undefined || deploy.repo !== undefined) continue;
    const names = inputs.get(deploy.workflow) ?? new Set<string>();
    for (const name of [...Object.keys(deploy.inputs ?? {}), ...Object.keys(env.migrations?.inputs ?? {})]) names.add(name);
    inputs.set(deploy.workflow, names);
  }
  return Object.fromEntries([...inputs].map(([file, names]) => [`.github/workflows/${file}`, deployWorkflow([...names])]));
}

interface RawEnvironment {
  readonly deploy?: { readonly workflow?: string; readonly repo?: string; readonly inputs?: Record<string, unknown> };
  readonly migrations?: { readonly inputs?: Record<string, unknown> };
}
