// What `release-pilot --help` and `release-pilot <command> --help` print: one usage line per
// command and, per command, its options with an example, so nobody has to read the source.
import { nearestWord } from "../policy/template.js";

export const COMMANDS = {
  validate: {
    line: "validate [file] [--repo owner/name]   check a config (default .github/release-pilot.yml); exit 1 on errors",
    help: `usage: release-pilot validate [file] [--repo owner/name]

Checks a config as the bot's pull-request check does, offline, and prints each problem as
file:line: level: path: message, in line order. Exit 0 when valid, 1 when not.

  file              the config (default .github/release-pilot.yml)
  --repo owner/name the repository it is for; names the default app (default: this folder's name)

example: release-pilot validate examples/openverse.yml --repo WordPress/openverse
`,
  },
  schema: {
    line: "schema                                print the config's JSON Schema",
    help: `usage: release-pilot schema

Prints the config's JSON Schema (schema/release-pilot.schema.json), for editors that check YAML as you type.
`,
  },
  docs: {
    line: "docs                                  print the config reference (docs/config.md)",
    help: `usage: release-pilot docs

Prints the config reference (docs/config.md), generated from the schema's descriptions.
`,
  },
  plan: {
    line: "plan --event <name> --payload <file> [--config <file>] [--facts <file>] [--json]\n                                        print what the bot would do with that webhook",
    help: `usage: release-pilot plan --event <name> --payload <file> [--config <file>] [--facts <file>] [--json]

Runs the bot's own features on one webhook, with every read answered from a facts file and
every write recorded instead of made, and prints the plan. Nothing is sent anywhere.

  --event <name>    an event the app handles (listed below), or timer; an action may follow
                    (release.published)
  --payload <file>  the webhook's JSON body (examples/payloads/ has one per event)
  --config <file>   the .github/release-pilot.yml to use (default: the one in the facts, else this folder's)
  --facts <file>    what GitHub would answer (tags, deployments, files...); defaults are named under "Assumed:"
  --json            print the plan as JSON

example: release-pilot plan --event push --payload examples/payloads/push.json --config examples/openverse.yml \\
           --facts examples/payloads/facts.json
`,
  },
  jobs: {
    line: "jobs list | jobs retry <id>           the webhook job queue (DATA_DIR or REDIS_URL)",
    help: `usage: release-pilot jobs list | release-pilot jobs retry <id>

Lists the webhook jobs that failed for good, or puts one back in the queue. The queue is the
one the app uses: SQLite under DATA_DIR, or Redis at REDIS_URL.
`,
  },
} as const;

export type CommandName = keyof typeof COMMANDS;

export const USAGE = `usage: release-pilot <command> [--help]

${Object.values(COMMANDS)
  .map((command) => `  ${command.line}`)
  .join("\n")}
`;

export function isCommand(name: string): name is CommandName {
  return Object.hasOwn(COMMANDS, name);
}

/** "unknown command valdate; did you mean validate?", or the list when nothing is near. */
export function unknownCommand(name: string): string {
  const suggestion = nearestWord(name, Object.keys(COMMANDS));
  return suggestion === undefined
    ? `unknown command ${name}; the commands are ${Object.keys(COMMANDS).join(", ")}.\n`
    : `unknown command ${name}; did you mean ${suggestion}?\n`;
}
