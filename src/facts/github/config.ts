// The config read from GitHub: through Probot's loader (for `_extends`), and when that fails on
// YAML, the file read again raw so its problem can be placed on a line.
import type { GitHub } from "../../github/client.js";
import type { RepoRef } from "../../policy/plan.js";
import { formatConfigIssues, parseConfig } from "../../policy/config/index.js";
import { describeLoadFailure, fileOfLoadFailure } from "../../policy/config/load-failure.js";
import { readConfigYaml } from "../../policy/config/yaml-text.js";
import type { ConfigReader, LoadedConfig } from "../config.js";

const CONFIG_FILE = "release-pilot.yml";

/**
 * The text of the file Probot's loader could not parse, read again raw, so its problem can be
 * placed on a line: the loader's own error says only "invalid YAML" (or nothing of where, for
 * an alias). Undefined when the file cannot be read; the loader's words are used then.
 */
async function textOf(octokit: GitHub, file: { owner: string; repo: string; path: string }): Promise<string | undefined> {
  try {
    // GET /repos/{owner}/{repo}/contents/{path} with the raw media type answers the file's bytes
    // (https://docs.github.com/en/rest/repos/contents#get-repository-content, "raw").
    const { data } = await octokit.request("GET /repos/{owner}/{repo}/contents/{path}", { ...file, mediaType: { format: "raw" } });
    // Octokit hands a body whose type it does not know as bytes.
    const body: unknown = data;
    if (typeof body === "string") return body;
    return body instanceof ArrayBuffer ? new TextDecoder().decode(body) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The repository's config from its default branch, through Probot's loader so `_extends`
 * (organisation-wide defaults in the `.github` repository) works as in other Probot apps.
 */
export async function loadConfig(
  event: { readonly octokit: GitHub; readonly config: ConfigReader },
  { owner, repo }: RepoRef,
  options: { readonly verifyMayReadLoopback?: boolean; readonly configFile?: string } = {},
): Promise<LoadedConfig> {
  let raw: unknown;
  try {
    raw = await event.config(options.configFile ?? CONFIG_FILE);
  } catch (error) {
    // Probot throws on YAML it cannot parse; that is the user's to fix, so it is reported, not raised.
    const message = error instanceof Error ? error.message : String(error);
    const file = fileOfLoadFailure(message);
    const text = file === undefined ? undefined : await textOf(event.octokit, file);
    const read = text === undefined ? undefined : readConfigYaml(text);
    const errors = describeLoadFailure({ message, repo: { owner, repo }, ...(read === undefined || read.ok ? {} : { problems: read.errors }) });
    return { kind: "invalid", errors, message: formatConfigIssues(errors) };
  }
  if (raw === null || raw === undefined) return { kind: "missing" };
  const parsed = parseConfig(raw, { repo, verifyMayReadLoopback: options.verifyMayReadLoopback === true });
  if (!parsed.ok) return { kind: "invalid", errors: parsed.errors, message: formatConfigIssues(parsed.errors) };
  return { kind: "ok", config: parsed.config, warnings: parsed.warnings };
}
