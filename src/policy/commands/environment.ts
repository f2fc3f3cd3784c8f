// The environment a command names, and the answer when the config has none of that name: one
// sentence for every command (/deploy, /rollback, /promote, /lock, /unlock).
import type { Config, EnvironmentConfig } from "../config/index.js";

export function environmentNamed(config: Config, name: string): EnvironmentConfig | undefined {
  return config.environments.find((env) => env.name === name);
}

/** The answer to a command that names an environment the config does not have. */
export function noEnvironmentText(name: string): string {
  return `there is no environment ${name}; type /help for this repository's environments.`;
}
