// The FactSource of a running app: every read a feature makes, through the event's Octokit.
import type { LoadedConfig } from "../config.js";
import type { FactSource } from "../source.js";
import { backportFromGitHub } from "./backport.js";
import { coreFromGitHub } from "./core.js";
import { deployFromGitHub } from "./deploy.js";
import type { GitHubReads } from "./reads.js";
import { releaseFromGitHub } from "./release.js";
import { statusFromGitHub } from "./status.js";

export type { GitHubReads };

export function githubFacts(reads: GitHubReads, loadConfig: () => Promise<LoadedConfig>): FactSource {
  return {
    ...coreFromGitHub(reads, loadConfig),
    ...deployFromGitHub(reads),
    ...releaseFromGitHub(reads),
    ...statusFromGitHub(reads),
    ...backportFromGitHub(reads),
  };
}
