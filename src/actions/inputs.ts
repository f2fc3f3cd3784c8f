// The Action's inputs, as the runner hands them over: `INPUT_<NAME>` with the name upper-cased
// and hyphens kept (@actions/core's getInput; "Metadata syntax for GitHub Actions", inputs).
import { ActionsSetupError, type ActionsEnvironment } from "./environment.js";

export interface ActionInputs {
  /** The config's file name under `.github/`. */
  readonly configFile: string;
  readonly dryRun: boolean;
}

const CONFIG_FORM = /^\.github\/([A-Za-z0-9._-]+\.ya?ml)$/;

function input(env: ActionsEnvironment, name: string): string {
  return (env[`INPUT_${name.replace(/ /g, "_").toUpperCase()}`] ?? "").trim();
}

/** Probot reads a repository's config from `.github/`, so that is where the file must be. */
export function readInputs(env: ActionsEnvironment): ActionInputs {
  const config = input(env, "config") || ".github/release-pilot.yml";
  const file = CONFIG_FORM.exec(config)?.[1];
  if (file === undefined)
    throw new ActionsSetupError(`the config input ${JSON.stringify(config)} is not a YAML file in .github/; give one such as .github/release-pilot.yml.`);
  const dry = input(env, "dry-run").toLowerCase();
  if (!["", "true", "false"].includes(dry)) throw new ActionsSetupError(`the dry-run input is ${JSON.stringify(dry)}; give true or false.`);
  return { configFile: file, dryRun: dry === "true" };
}
