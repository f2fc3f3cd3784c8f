// What a deploy workflow accepts, read from its `on.workflow_dispatch.inputs`, and the inputs the
// bot sends it. GitHub refuses a dispatch with an input the workflow does not declare ("Unexpected
// inputs provided"), without a required one, or without a `workflow_dispatch` trigger at all
// (test/emulator/workflows.ts cites each answer), so the bot checks first and says which input
// and which fix, rather than passing GitHub's 422 on. The deployment's id goes in only when the
// workflow declares the `deployment_id` input: an existing workflow works unchanged.
import { parse } from "yaml";

/** The input a workflow declares to be told which GitHub Deployment it carries out. */
export const DEPLOYMENT_ID_INPUT = "deployment_id";
/** GitHub's limit on inputs per dispatch (the description's `maxProperties`). */
export const MAX_DISPATCH_INPUTS = 25;

export interface WorkflowInput {
  readonly required: boolean;
  readonly hasDefault: boolean;
}

export type WorkflowDeclaration =
  | { readonly ok: true; readonly inputs: ReadonlyMap<string, WorkflowInput> }
  | { readonly ok: false; readonly problem: "missing" | "no-trigger" | "unreadable" };

/** The `workflow_dispatch` trigger of a workflow file; `text` undefined when there is no file. */
export function workflowDeclaration(text: string | undefined): WorkflowDeclaration {
  if (text === undefined) return { ok: false, problem: "missing" };
  let doc: unknown;
  try {
    doc = parse(text);
  } catch {
    return { ok: false, problem: "unreadable" };
  }
  const on = isRecord(doc) ? doc["on"] : undefined;
  const triggers = typeof on === "string" ? [on] : Array.isArray(on) ? on : isRecord(on) ? Object.keys(on) : [];
  if (!triggers.includes("workflow_dispatch")) return { ok: false, problem: "no-trigger" };
  const trigger = isRecord(on) ? on["workflow_dispatch"] : undefined;
  const declared = isRecord(trigger) && isRecord(trigger["inputs"]) ? trigger["inputs"] : {};
  const inputs = new Map<string, WorkflowInput>();
  for (const [name, spec] of Object.entries(declared)) {
    inputs.set(name, { required: isRecord(spec) && spec["required"] === true, hasDefault: isRecord(spec) && spec["default"] !== undefined });
  }
  return { ok: true, inputs };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface DispatchTarget {
  /** The workflow file, e.g. deploy.yml. */
  readonly workflow: string;
  /** `owner/repo`. */
  readonly repo: string;
  readonly ref: string;
}

/**
 * Each mismatch between the inputs the config gives and those the workflow declares, as a
 * sentence naming the input and the fix. Empty when GitHub would take the dispatch.
 */
export function inputProblems(target: DispatchTarget, declaration: WorkflowDeclaration, given: readonly string[]): string[] {
  const file = `.github/workflows/${target.workflow}`;
  const where = `${file} in ${target.repo} at ${target.ref}`;
  if (!declaration.ok) {
    if (declaration.problem === "missing") return [`there is no ${where}: name an existing workflow file in deploy.workflow`];
    if (declaration.problem === "unreadable") return [`${where} is not readable YAML, so GitHub cannot dispatch it`];
    return [`${where} has no workflow_dispatch trigger: add \`on: workflow_dispatch\` to it`];
  }
  const problems: string[] = [];
  const undeclared = given.filter((name) => !declaration.inputs.has(name));
  if (undeclared.length > 0) {
    problems.push(
      `${where} does not declare ${plural(undeclared, "the input", "the inputs")} ${undeclared.join(", ")}: declare ${undeclared.length === 1 ? "it" : "them"} under on.workflow_dispatch.inputs, or remove ${undeclared.length === 1 ? "it" : "them"} from deploy.inputs`,
    );
  }
  // The bot gives the deployment's id itself wherever the workflow declares it.
  const missing = [...declaration.inputs]
    .filter(([name, input]) => input.required && !input.hasDefault && name !== DEPLOYMENT_ID_INPUT && !given.includes(name))
    .map(([name]) => name);
  if (missing.length > 0) {
    problems.push(
      `${where} requires ${plural(missing, "the input", "the inputs")} ${missing.join(", ")}, which deploy.inputs does not give: add ${missing.map((name) => `${name}: '{...}'`).join(", ")}`,
    );
  }
  if (given.length > MAX_DISPATCH_INPUTS) problems.push(`the deploy passes ${given.length} inputs to ${file}; GitHub takes at most ${MAX_DISPATCH_INPUTS}`);
  return problems;
}

function plural(names: readonly string[], one: string, many: string): string {
  return names.length === 1 ? one : many;
}

export type InputsToSend = { readonly ok: true; readonly inputs: Readonly<Record<string, string>> } | { readonly ok: false; readonly error: string };

/** The inputs to dispatch with: the configured ones, and the deployment's id where it is declared. */
export function inputsToSend(
  target: DispatchTarget,
  declaration: WorkflowDeclaration,
  configured: Readonly<Record<string, string>>,
  deploymentId: number | undefined,
): InputsToSend {
  const problems = inputProblems(target, declaration, Object.keys(configured));
  if (problems.length > 0) return { ok: false, error: problems.join("; ") };
  const wantsId = declaration.ok && declaration.inputs.has(DEPLOYMENT_ID_INPUT) && configured[DEPLOYMENT_ID_INPUT] === undefined;
  return { ok: true, inputs: wantsId && deploymentId !== undefined ? { ...configured, [DEPLOYMENT_ID_INPUT]: String(deploymentId) } : { ...configured } };
}
