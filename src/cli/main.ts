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
import { handledEvents, planCommand, TIMER_EVENT } from "./plan.js";
import { COMMANDS, isCommand, unknownCommand, USAGE } from "./help.js";
import { validate } from "./validate.js";

export { USAGE } from "./help.js";

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
    help: { type: "boolean", short: "h", default: false },
  } as const;
  if (command !== undefined && isCommand(command) && (rest.includes("--help") || rest.includes("-h"))) {
    io.stdout(commandHelp(command));
    return 0;
  }
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
    case "--help":
    case "-h":
      io.stdout(USAGE);
      return command === undefined ? 2 : 0;
    case "help": {
      const about = positionals[0];
      if (about === undefined) io.stdout(USAGE);
      else if (isCommand(about)) io.stdout(commandHelp(about));
      else {
        io.stderr(unknownCommand(about));
        return 2;
      }
      return 0;
    }
    default:
      io.stderr(`${unknownCommand(command)}${USAGE}`);
      return 2;
  }
}

function commandHelp(command: keyof typeof COMMANDS): string {
  const help = COMMANDS[command].help;
  return command === "plan" ? `${help}\nevents: ${[...handledEvents(), TIMER_EVENT].join(", ")}\n` : help;
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
      // A person reads this, not a developer: one sentence; the stack only when asked for.
      const message = error instanceof Error ? error.message : String(error);
      const debug = process.env["RELEASE_PILOT_DEBUG"] === "1" && error instanceof Error ? `\n${error.stack ?? ""}` : "";
      process.stderr.write(`release-pilot failed: ${message} (RELEASE_PILOT_DEBUG=1 shows where)${debug}\n`);
      process.exitCode = 1;
    },
  );
}
