import type { Context } from "probot";
import { formatConfigIssues, parseConfig, type Config, type ConfigIssue } from "../policy/config/index.js";

export const CONFIG_FILE = "release-pilot.yml";
export const CONFIG_PATH = `.github/${CONFIG_FILE}`;

export type LoadedConfig =
  | { readonly kind: "ok"; readonly config: Config; readonly warnings: readonly ConfigIssue[] }
  | { readonly kind: "missing" }
  | { readonly kind: "invalid"; readonly errors: readonly ConfigIssue[]; readonly message: string };

/**
 * The repository's config from its default branch, through Probot's loader so `_extends`
 * (organisation-wide defaults in the `.github` repository) works as in other Probot apps.
 */
export async function loadConfig(context: Context, options: { readonly verifyMayReadLoopback?: boolean } = {}): Promise<LoadedConfig> {
  const { repo } = context.repo();
  let raw: unknown;
  try {
    raw = await context.config<Record<string, unknown>>(CONFIG_FILE);
  } catch (error) {
    // Probot throws on YAML it cannot parse; that is the user's to fix, so it is reported, not raised.
    const message = error instanceof Error ? error.message.replace(/^\[@probot\/octokit-plugin-config\]\s*/, "") : String(error);
    const errors = [{ path: "", message }];
    return { kind: "invalid", errors, message: `${CONFIG_PATH}: ${message}` };
  }
  if (raw === null || raw === undefined) return { kind: "missing" };
  const parsed = parseConfig(raw, { repo, verifyMayReadLoopback: options.verifyMayReadLoopback === true });
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, message: formatConfigIssues(parsed.errors) };
  return { kind: "ok", config: parsed.config, warnings: parsed.warnings };
}
