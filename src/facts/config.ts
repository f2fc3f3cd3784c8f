// The repository's config as a feature reads it (CoreFacts.config): loaded and valid, absent, or
// broken with every problem at its path.
import type { Config, ConfigIssue } from "../policy/config/index.js";

/** Probot's config loader: the file's YAML as an object, with `_extends` followed; null when absent. */
export type ConfigReader = (file: string) => Promise<Record<string, unknown> | null>;

export type LoadedConfig =
  | { readonly kind: "ok"; readonly config: Config; readonly warnings: readonly ConfigIssue[] }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly errors: readonly ConfigIssue[]; readonly message: string };
