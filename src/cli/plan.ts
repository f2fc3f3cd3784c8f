// `release-pilot plan --event <name> --payload <file>`: what the bot would do with an event,
// decided by the same policy functions as the handlers, with no network. Facts that a handler
// would read from GitHub come from `--facts <file>` or are named as assumed.
import { z } from "zod";
import { releaseFacts } from "../handlers/changelog-for-release.js";
import { takeCommand, type CommentFacts } from "../policy/command-intake.js";
import { parseCommand } from "../policy/commands/parse.js";
import { checkConfigText, CONFIG_PATH } from "../policy/config-check.js";
import type { Config } from "../policy/config/index.js";
import { nothing, plan as makePlan, type Plan } from "../policy/plan.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { formatPlan } from "./format-plan.js";
import { readJson, readText, type CliIo } from "./io.js";

// Only the fields the policy reads, so a payload recorded from any GitHub version parses.
const Repository = z.object({ name: z.string(), full_name: z.string(), default_branch: z.string(), owner: z.object({ login: z.string() }) });
const Sender = z.object({ login: z.string(), type: z.string().optional() }).nullish();

const ReleasePayload = z.object({
  action: z.string().optional(),
  release: z.object({
    id: z.number(),
    tag_name: z.string(),
    name: z.string().nullable(),
    body: z.string().nullable(),
    html_url: z.string(),
    draft: z.boolean(),
    prerelease: z.boolean(),
  }),
  repository: Repository,
  sender: Sender,
});

const CommentPayload = z.object({
  comment: z.object({ id: z.number(), body: z.string(), user: z.object({ login: z.string(), type: z.string() }).nullable() }),
  issue: z.object({ number: z.number() }),
  repository: Repository,
  sender: z.object({ login: z.string(), type: z.string() }),
});

const CommentExtraFacts = z.object({ permission: z.string().optional() });
/** What a handler would know beyond the payload; given by hand, it wins over the payload's. */
const ReleaseExtraFacts = z.object({ actor: z.string().optional(), defaultBranch: z.string().optional() });

export interface PlanOptions {
  readonly event: string;
  readonly payload: string;
  readonly config?: string | undefined;
  readonly facts?: string | undefined;
  readonly json: boolean;
}

function loadConfig(io: CliIo, file: string, repoName: string): Config | undefined {
  const text = readText(io, file);
  if (text === undefined) return undefined;
  const checked = checkConfigText(text, repoName);
  for (const issue of checked.errors) io.stderr(`${file}:${issue.line}: error: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
  return checked.config;
}

function parsePayload<T>(io: CliIo, schema: z.ZodType<T>, raw: unknown, file: string): T | undefined {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ");
  io.stderr(`${file} is not a payload of this event: ${problems}\n`);
  return undefined;
}

function releasePlan(io: CliIo, options: PlanOptions, raw: unknown): Plan | undefined {
  const payload = parsePayload(io, ReleasePayload, raw, options.payload);
  if (payload === undefined) return undefined;
  const config = loadConfig(io, options.config ?? CONFIG_PATH, payload.repository.full_name);
  if (config === undefined) return undefined;
  if (payload.action !== undefined && payload.action !== "published") {
    return nothing("event-not-relevant", `release.${payload.action} sets nothing off yet; only release.published is planned.`);
  }
  const extra = options.facts === undefined ? {} : parsePayload(io, ReleaseExtraFacts, readJson(io, options.facts), options.facts);
  if (extra === undefined) return undefined;
  const facts = releaseFacts(payload, config);
  return planChangelogForRelease({ ...facts, actor: extra.actor ?? facts.actor, defaultBranch: extra.defaultBranch ?? facts.defaultBranch });
}

function commentPlan(io: CliIo, options: PlanOptions, raw: unknown): Plan | undefined {
  const payload = parsePayload(io, CommentPayload, raw, options.payload);
  if (payload === undefined) return undefined;
  const config = loadConfig(io, options.config ?? CONFIG_PATH, payload.repository.full_name);
  if (config === undefined) return undefined;
  const extra = options.facts === undefined ? {} : parsePayload(io, CommentExtraFacts, readJson(io, options.facts), options.facts);
  if (extra === undefined) return undefined;
  const known = { environments: config.environments.map((env) => env.name), apps: config.apps.map((app) => app.name) };
  const { comment, issue, sender, repository } = payload;
  const parsed = parseCommand(comment.body, known);
  const permission = extra.permission ?? config.commands.permission;
  if (!options.json) {
    io.stdout(`Command: ${parsed === undefined ? "none (the comment is not a command)" : JSON.stringify(parsed)}\n`);
    if (extra.permission === undefined) io.stdout(`Permission: assumed ${permission} (give --facts with {"permission": "..."} to try another)\n`);
  }
  const facts: CommentFacts = {
    repo: { owner: repository.owner.login, repo: repository.name },
    issueNumber: issue.number,
    commentId: comment.id,
    author: comment.user?.login ?? sender.login,
    authorIsBot: comment.user?.type === "Bot" || sender.type === "Bot",
    parsed,
    permission,
    needed: config.commands.permission,
  };
  const intake = takeCommand(facts);
  switch (intake.kind) {
    case "ignore":
    case "answer":
      return intake.plan;
    case "need-permission":
      return nothing("not-permitted", "The commenter's permission is needed.");
    case "run":
      // What the command then does depends on GitHub's state, which this offline plan cannot read.
      return makePlan(`Run /${intake.command.name}: acknowledge, then its handler reads GitHub and decides (not planned offline).`, intake.acknowledge);
  }
}

export function planCommand(io: CliIo, options: PlanOptions): number {
  const raw = readJson(io, options.payload);
  if (raw === undefined) return 1;
  const event = options.event.split(".")[0];
  const planned = event === "release" ? releasePlan(io, options, raw) : event === "issue_comment" ? commentPlan(io, options, raw) : unsupported(io, options.event);
  if (planned === undefined) return 1;
  io.stdout(options.json ? `${JSON.stringify(planned, null, 2)}\n` : formatPlan(planned));
  return 0;
}

function unsupported(io: CliIo, event: string): undefined {
  io.stderr(`planning ${event} offline is not supported yet; supported events: release (published), issue_comment.\n`);
  return undefined;
}
