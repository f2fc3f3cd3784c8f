// The files `release-pilot plan` starts from: the payload, the config (checked as the bot checks
// it) and the facts file. Each unreadable or invalid one is said on stderr, once.
import { checkConfigText } from "../policy/config-check.js";
import type { LoadedConfig } from "../facts/config.js";
import { NO_FACTS, PlanFacts } from "../facts/json/schema.js";
import { readJson, readText, type CliIo } from "./io.js";

export interface PlanFiles {
  readonly payload: string;
  readonly config?: string | undefined;
  readonly facts?: string | undefined;
}

/** The config as the bot loads it; undefined (the problems printed) when it is not valid. */
export function loadConfigFile(io: CliIo, file: string, repoName: string): (Extract<LoadedConfig, { kind: "ok" }> & { readonly text: string }) | undefined {
  const text = readText(io, file);
  if (text === undefined) return undefined;
  const checked = checkConfigText(text, repoName);
  for (const issue of [...checked.errors].sort((a, b) => a.line - b.line))
    io.stderr(`${file}:${issue.line}: error: ${issue.path === "" ? "" : `${issue.path}: `}${issue.message}\n`);
  if (checked.config === undefined) return undefined;
  return { kind: "ok", config: checked.config, warnings: checked.warnings, text };
}

export function readFacts(io: CliIo, file: string | undefined): PlanFacts | undefined {
  if (file === undefined) return NO_FACTS;
  const raw = readJson(io, file);
  if (raw === undefined) return undefined;
  const parsed = PlanFacts.safeParse(raw);
  if (parsed.success) return parsed.data;
  // One line per problem, each naming where in the file it is; not zod's JSON dump.
  io.stderr(`${file} is not a facts file (its keys are listed in docs/cli.md):\n`);
  for (const issue of parsed.error.issues.slice(0, 20))
    io.stderr(`  ${issue.path.length === 0 ? "(the whole file)" : issue.path.join(".")}: ${issue.message}\n`);
  return undefined;
}
