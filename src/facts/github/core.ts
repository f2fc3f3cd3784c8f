// CoreFacts read from GitHub. The config comes through Probot's loader (for `_extends`), which
// only the event's Context has, so it is handed in.
import type { LoadedConfig } from "../config.js";
import type { CoreFacts } from "../core.js";
import { permissionOf, resolveCommit } from "./deploy-reads.js";
import { readerOf, type GitHubReads } from "./reads.js";

export function coreFromGitHub(reads: GitHubReads, loadConfig: () => Promise<LoadedConfig>): CoreFacts {
  const { octokit, repo } = reads;
  let config: Promise<LoadedConfig> | undefined;
  return {
    self: () => reads.self(),
    // Read once per event, however many features ask.
    config: () => (config ??= loadConfig()),
    permission: (login) => permissionOf(octokit, repo, login),
    commitOf: (ref) => resolveCommit(octokit, repo, ref),
    // The workflow's repository may be another installation's; not installed there, this says so.
    defaultBranchOf: async (other) =>
      (await (await readerOf(reads)(other, "read its default branch to dispatch")).rest.repos.get({ ...other })).data.default_branch,
  };
}
