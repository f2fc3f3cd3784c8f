// Runs `release-pilot plan` in-process on a payload and facts written to a temporary directory,
// as a person would from files, and hands back the --json report and what went to stderr.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { planEvent, type PlanReport } from "../../src/cli/plan.js";
import type { Action, Plan } from "../../src/policy/plan.js";
import { examplePayload } from "../e2e/fixtures/payloads.js";
import { ROOT } from "./io.js";

export interface PlanRun {
  readonly report: PlanReport | undefined;
  readonly stderr: string;
}

function tempJson(name: string, value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-plan-")), name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** `plan --event <event> --payload … --config examples/<example>.yml [--facts …] --json`, in-process. */
export async function planOn(example: string, event: string, payload: unknown, facts?: unknown): Promise<PlanRun> {
  let stderr = "";
  const io = { stdout: () => undefined, stderr: (text: string) => void (stderr += text), env: {}, cwd: ROOT };
  const report = await planEvent(io, {
    event,
    payload: tempJson("payload.json", payload),
    config: `examples/${example}.yml`,
    ...(facts === undefined ? {} : { facts: tempJson("facts.json", facts) }),
    json: true,
  });
  return { report, stderr };
}

/** The plans of one feature, in order; fails the test when the feature was not planned. */
export function plansOf(run: PlanRun, feature: string): Plan[] {
  if (run.report === undefined) throw new Error(`no plan: ${run.stderr}`);
  const parts = run.report.parts.filter((part) => part.feature === feature);
  if (parts.length === 0) throw new Error(`no part ${feature} among ${run.report.parts.map((part) => part.feature).join(", ")}`);
  return parts.map((part) => {
    if (!("plan" in part)) throw new Error(`${feature} was not planned: ${part.notPlanned}`);
    return part.plan;
  });
}

export function actionsOf(run: PlanRun, feature: string): Action[] {
  return plansOf(run, feature).flatMap((plan) => [...plan.actions]);
}

/** Every action of every feature. */
export function allActions(run: PlanRun): Action[] {
  return (run.report?.parts ?? []).flatMap((part) => ("plan" in part ? [...part.plan.actions] : []));
}

export function notPlanned(run: PlanRun, feature: string): string | undefined {
  const part = run.report?.parts.find((candidate) => candidate.feature === feature);
  return part !== undefined && "notPlanned" in part ? part.notPlanned : undefined;
}

/** A real example payload of `event`/`action` from @octokit/webhooks-examples, moved onto the repository. */
export function payloadFor(
  event: string,
  action: string | undefined,
  owner: string,
  repo: string,
  defaultBranch: string,
  overrides: Record<string, unknown> = {},
  sender?: string,
): Record<string, unknown> {
  return examplePayload(event, action, { owner, repo, defaultBranch, overrides, ...(sender === undefined ? {} : { sender }) });
}

export const ZERO = "0".repeat(40);

/** A push of one commit changing `files`, as GitHub sends it. */
export function pushOf(
  owner: string,
  repo: string,
  defaultBranch: string,
  ref: string,
  after: string,
  files: readonly string[],
  sender = owner,
  created = false,
): Record<string, unknown> {
  const commit = {
    id: after,
    tree_id: after,
    distinct: true,
    message: "Change",
    timestamp: "2024-10-21T12:00:00Z",
    url: "",
    author: { name: sender, email: "" },
    committer: { name: sender, email: "" },
    added: [],
    removed: [],
    modified: files,
  };
  return payloadFor(
    "push",
    undefined,
    owner,
    repo,
    defaultBranch,
    {
      ref: `refs/heads/${ref}`,
      before: created ? ZERO : "1".repeat(40),
      after,
      created,
      deleted: false,
      forced: false,
      base_ref: null,
      commits: [commit],
      head_commit: commit,
      pusher: { name: sender, email: `${sender}@users.noreply.github.com` },
    },
    sender,
  );
}
