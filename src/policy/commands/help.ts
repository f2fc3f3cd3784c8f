// The `/help` answer: every command with what it does, then what this repository has, so the
// reader can copy a working command without opening the config.

import { USAGE, type CommandName, type KnownNames } from "./types.js";

const MEANING: Readonly<Record<CommandName, string>> = {
  release: "cut a release: the next version by level, or the one given",
  checklist: "open the release checklist for that version now",
  deploy: "deploy after the environment's gates",
  rollback: "redeploy the last version that succeeded before the current one, or the named one",
  promote: "deploy to `<to>` exactly what succeeded on `<from>`",
  lock: "hold an environment so nothing deploys to it (durations like `30m`, `2h`, `1d`)",
  unlock: "free an environment",
  freeze: "stop automatic deploys (not people's) for a while, default 1d; they start when it ends",
  unfreeze: "end an environment's /freeze",
  status: "what is deployed where, what is unreleased, open checklists and locks",
  backport: "on a merged pull request: open a pull request cherry-picking it into that release branch",
  help: "this list",
};

function code(text: string): string {
  // Usage forms contain `|`, which would split a Markdown table cell unless escaped.
  return `\`${text.replace(/\|/g, "\\|")}\``;
}

export function helpText(known: KnownNames): string {
  const rows = (Object.keys(USAGE) as CommandName[]).map((name) => `| ${code(USAGE[name])} | ${MEANING[name]} |`);
  const environments =
    known.environments.length === 0
      ? "This repository has no environments configured yet."
      : `Environments: ${known.environments.map((env) => `\`${env}\``).join(", ")}.`;
  const apps = known.apps.length === 0 ? undefined : `Apps: ${known.apps.map((app) => `\`${app}\``).join(", ")}.`;
  // In a repository of several apps a deploy names its app; the example must work as typed.
  const env = known.environments[0];
  const app = known.apps.length > 1 ? known.apps[0] : undefined;
  const example = env === undefined ? undefined : app === undefined ? env : `${env} ${app}`;
  // The reply starts with "@person ", so a heading here would show as a literal "###": the
  // heading comes after a first sentence, on a line of its own.
  return [
    "here are the commands I take.",
    "",
    "#### Release Pilot commands",
    "",
    "| command | what it does |",
    "| --- | --- |",
    ...rows,
    "",
    environments,
    ...(apps === undefined ? [] : [apps]),
    ...(example === undefined ? [] : ["", `For example: \`/deploy ${example}\`.`]),
    "",
  ].join("\n");
}
