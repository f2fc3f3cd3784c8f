// The config of `.github/release-pilot.yml`: schema, then normalisation, then cross-field rules,
// collecting every error with its path so one check run lists everything to fix.
import { z } from "zod";
import { ConfigError, errorMap, formatConfigIssues, fromZodIssues } from "./issues.js";
import { parseLeniently } from "./lenient.js";
import { normalise, type ConfigContext } from "./normalise.js";
import { crossFieldRules } from "./rules.js";
import { prototypeKeyRules, runtimeRules } from "./runtime-rules.js";
import { RawConfig } from "./schema.js";
import type { Config, ConfigIssue } from "./types.js";
import { verifyUrlIssues } from "./verify-url.js";

export type * from "./types.js";
export type { ConfigContext } from "./normalise.js";
export { ConfigError, formatConfigIssues };
export { BUILT_IN_CODENAMES } from "./codenames.js";
export { DEPLOY_TOKENS, NOTES_LINE_TOKENS, RELEASE_BRANCH_TOKENS, RELEASE_TOKENS, TAG_TOKENS } from "./rules.js";

/** Where the config lives; `_extends` pointing here again is a recursion. */
const CONFIG_FILE_PATH = ".github/release-pilot.yml";

export type ParseConfigResult =
  | { readonly ok: true; readonly config: Config; readonly warnings: readonly ConfigIssue[] }
  | { readonly ok: false; readonly errors: readonly ConfigIssue[] };

/** Validates and normalises a parsed YAML document. Never throws; a broken file gives errors. */
export function parseConfig(raw: unknown, context: ConfigContext): ParseConfigResult {
  // Probot's config loader gives null for an empty file; that is the all-defaults config.
  const input = raw === null || raw === undefined ? {} : raw;
  const strict = RawConfig.safeParse(input, { error: errorMap });
  const schemaErrors = strict.success ? [] : fromZodIssues(RawConfig, strict.error.issues);
  const { data, declared } = parseLeniently(input);
  const normalised = normalise(data, context);
  const rules = crossFieldRules(data, normalised.config, declared);
  const urls = verifyUrlIssues(data.environments, context.verifyMayReadLoopback === true);
  const runtime = [...prototypeKeyRules(input), ...runtimeRules(data, { repo: context.repo, configPath: CONFIG_FILE_PATH })];
  const errors = [...schemaErrors, ...normalised.errors, ...rules.errors, ...urls, ...runtime];
  // Sorted by path (stable) so a section's problems read together, whichever stage found them.
  if (errors.length > 0) return { ok: false, errors: byPath(dedupe(errors)) };
  return { ok: true, config: normalised.config, warnings: [...normalised.warnings, ...rules.warnings] };
}

function byPath(issues: readonly ConfigIssue[]): readonly ConfigIssue[] {
  return [...issues].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function dedupe(issues: readonly ConfigIssue[]): readonly ConfigIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The JSON Schema of the config file, for editors and for the reference docs. */
export function configJsonSchema(): object {
  return z.toJSONSchema(RawConfig, { io: "input", target: "draft-2020-12" });
}
