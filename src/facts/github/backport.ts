// BackportFacts read from GitHub.
import type { BackportFacts } from "../backport.js";
import { cherryPick, mergedPull } from "./backport-reads.js";
import type { GitHubReads } from "./reads.js";

export function backportFromGitHub(reads: GitHubReads): BackportFacts {
  const { octokit, repo } = reads;
  return {
    mergedPull: (number) => mergedPull(octokit, repo, number),
    cherryPick: (commit, branch) => cherryPick(octokit, repo, commit, branch),
  };
}
