// `release-pilot plan --event <name> --payload <file>`: what the bot would do with an event,
// decided by the same policy functions as the handlers, with no network. Facts that a handler
// would read from GitHub come from `--facts <file>` or are named under "Assumed:". Each event's
// planner lives in its own file (plan-push.ts, plan-release.ts, ...).
import type { z } from "zod";
import { CONFIG_PATH } from "../policy/config-check.js";
import { nothing } from "../policy/plan.js";
import { formatParts } from "./format-plan.js";
import { readJson, type CliIo } from "./io.js";
import { CheckRunPayload, planCheckRun } from "./plan-check-run.js";
import { CommentPayload, planComment } from "./plan-comment.js";
import { DeploymentStatusPayload, planDeploymentStatus } from "./plan-deployment-status.js";
import { planInput, type PlanFiles, type PlanInput, type PlannedPart, type Repository } from "./plan-input.js";
import { IssuesPayload, planIssues } from "./plan-issues.js";
import { planPush, PushPayload } from "./plan-push.js";
import { planRelease, ReleasePayload } from "./plan-release.js";

export interface PlanOptions extends PlanFiles {
  /** `push`, `release`, or with an action (`release.prereleased`) that replaces the payload's. */
  readonly event: string;
  readonly json: boolean;
}

/** What `--json` prints. */
export interface PlanReport {
  readonly event: string;
  readonly parts: readonly PlannedPart[];
  readonly assumed: readonly string[];
}

type EventPlanner = (io: CliIo, options: PlanOptions, raw: unknown) => PlanReport | undefined;

function planner<P extends { readonly repository: z.infer<typeof Repository> }>(
  schema: z.ZodType<P>,
  decide: (input: PlanInput<P>) => PlannedPart[] | string,
): EventPlanner {
  return (io, options, raw) => {
    const input = planInput(io, options, schema, raw, CONFIG_PATH);
    if (input === undefined) return undefined;
    const decided = decide(input);
    // An action the bot does not act on still gets an answer: nothing happens, and why.
    const parts = typeof decided === "string" ? [{ feature: options.event, plan: nothing("event-not-relevant", decided) }] : decided;
    return { event: options.event, parts, assumed: input.assumed.list() };
  };
}

const EVENTS: Readonly<Record<string, EventPlanner>> = {
  push: planner(PushPayload, planPush),
  release: planner(ReleasePayload, planRelease),
  issues: planner(IssuesPayload, planIssues),
  deployment_status: planner(DeploymentStatusPayload, planDeploymentStatus),
  issue_comment: planner(CommentPayload, planComment),
  check_run: planner(CheckRunPayload, planCheckRun),
};

/** The report, or undefined with the reason already printed to stderr. */
export function planEvent(io: CliIo, options: PlanOptions): PlanReport | undefined {
  const [event = "", action] = options.event.split(".");
  const plan = EVENTS[event];
  if (plan === undefined) {
    io.stderr(`planning ${options.event} offline is not supported; supported events: ${Object.keys(EVENTS).join(", ")}.\n`);
    return undefined;
  }
  const raw = readJson(io, options.payload);
  if (raw === undefined) return undefined;
  const payload = action === undefined || typeof raw !== "object" || raw === null ? raw : { ...raw, action };
  return plan(io, options, payload);
}

export function planCommand(io: CliIo, options: PlanOptions): number {
  const report = planEvent(io, options);
  if (report === undefined) return 1;
  io.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : formatParts(report.parts, report.assumed));
  return 0;
}
