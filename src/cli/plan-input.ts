// What every planned event starts from: the payload parsed with only the fields policy reads,
// the config checked as the bot checks it, and the facts file.
import { z } from "zod";
import { checkConfigText } from "../policy/config-check.js";
import type { Config } from "../policy/config/index.js";
import type { Plan, RepoRef } from "../policy/plan.js";
import { readJson, readText, type CliIo } from "./io.js";
import { Assumptions, NO_FACTS, PlanFacts } from "./plan-facts.js";

/** The repository fields every payload carries and the planners read. */
export const Repository = z.object({
  name: z.string(),
  full_name: z.string(),
  html_url: z.string().optional(),
  default_branch: z.string().optional(),
  owner: z.object({ login: z.string() }),
});

/** One feature's plan, or why it cannot be planned offline; an event sets off several. */
export type PlannedPart = { readonly feature: string; readonly plan: Plan } | { readonly feature: string; readonly notPlanned: string };

/** Everything a planner needs, once the files are read. */
export interface PlanInput<P> {
  readonly payload: P;
  readonly config: Config;
  readonly facts: PlanFacts;
  readonly assumed: Assumptions;
  /** ISO time of the decision: the facts' `now`, else the clock. */
  readonly now: string;
  /** What context.repo() gives for this payload. */
  readonly repo: RepoRef;
  /** The repository's default branch: the facts', else the payload's, else main. */
  readonly defaultBranch: string;
}

export function loadConfig(io: CliIo, file: string, repoName: string): Config | undefined {
  const text = readText(io, file);
  if (text === undefined) return undefined;
  const checked = checkConfigText(text, repoName);
  for (const issue of checked.errors) io.stderr(`${file}:${issue.line}: error: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
  return checked.config;
}

export function parseWith<T>(io: CliIo, schema: z.ZodType<T>, raw: unknown, file: string, what: string): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  io.stderr(`${file} is not ${what}: ${problems}\n`);
  return undefined;
}

export function readFacts(io: CliIo, file: string | undefined): PlanFacts | undefined {
  if (file === undefined) return NO_FACTS;
  const raw = readJson(io, file);
  return raw === undefined ? undefined : parseWith(io, PlanFacts, raw, file, "a facts file");
}

export interface PlanFiles {
  readonly payload: string;
  readonly config?: string | undefined;
  readonly facts?: string | undefined;
}

export function planInput<P extends { readonly repository: z.infer<typeof Repository> }>(
  io: CliIo,
  options: PlanFiles,
  schema: z.ZodType<P>,
  raw: unknown,
  configPath: string,
): PlanInput<P> | undefined {
  const payload = parseWith(io, schema, raw, options.payload, "a payload of this event");
  if (payload === undefined) return undefined;
  const config = loadConfig(io, options.config ?? configPath, payload.repository.full_name);
  if (config === undefined) return undefined;
  const facts = readFacts(io, options.facts);
  if (facts === undefined) return undefined;
  const assumed = new Assumptions();
  if (facts.now === undefined) assumed.add("now: the current time");
  const { repository } = payload;
  if (facts.defaultBranch === undefined && repository.default_branch === undefined) assumed.add("defaultBranch: main (the payload names none)");
  return {
    payload,
    config,
    facts,
    assumed,
    now: facts.now ?? new Date().toISOString(),
    repo: { owner: repository.owner.login, repo: repository.name },
    defaultBranch: facts.defaultBranch ?? repository.default_branch ?? "main",
  };
}
