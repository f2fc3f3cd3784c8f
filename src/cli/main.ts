#!/usr/bin/env node
// `release-pilot`: the bot's checks and decisions on a laptop, with no network. The commands
// only parse arguments here; each one lives in its own file.
import { realpathSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { configJsonSchema } from "../policy/config/index.js";
import { configDocs, type SchemaNode } from "./config-docs.js";
import { processIo, type CliIo } from "./io.js";
import { jobsCommand } from "./jobs.js";
import { planCommand } from "./plan.js";
import { validate } from "./validate.js";

export const USAGE = `usage: release-pilot <command>

  validate [file] [--repo owner/name]   check a config (default .github/release-pilot.yml); exit 1 on errors
  schema                                print the config's JSON Schema
  docs                                  print the config reference (docs/config.md)
  plan --event <name> --payload <file> [--config <file>] [--facts <file>] [--json]
                                        print what the bot would do with that webhook
  jobs list | jobs retry <id>           the webhook job queue (DATA_DIR or REDIS_URL)
`;

/** Runs one command and gives its exit code; writes only through `io`. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  const options = {
    event: { type: "string" },
    payload: { type: "string" },
    config: { type: "string" },
    facts: { type: "string" },
    repo: { type: "string" },
    json: { type: "boolean", default: false },
  } as const;
  let parsed: ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof options }>>;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      options,
    });
  } catch (error) {
    io.stderr(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  switch (command) {
    case "validate":
      return validate(io, positionals[0], values.repo);
    case "schema":
      io.stdout(`${JSON.stringify(configJsonSchema(), null, 2)}\n`);
      return 0;
    case "docs":
      // The schema is our own zod schema's JSON form, so its shape is known.
      io.stdout(configDocs(configJsonSchema() as SchemaNode));
      return 0;
    case "plan":
      if (values.event === undefined || values.payload === undefined) {
        io.stderr(`plan needs --event and --payload\n${USAGE}`);
        return 2;
      }
      return planCommand(io, { event: values.event, payload: values.payload, config: values.config, facts: values.facts, json: values.json === true });
    case "jobs":
      return jobsCommand(io, positionals);
    case undefined:
    case "help":
    case "--help":
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr(`unknown command ${command}\n${USAGE}`);
      return 2;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  // npm links the bin, so the script path may be a symlink to this file.
  return import.meta.url === pathToFileURL(realpathSync(script)).href;
}

if (isEntryPoint()) {
  main(process.argv.slice(2), processIo()).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
