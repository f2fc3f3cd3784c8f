// StatusFacts read from GitHub.
import type { StatusFacts } from "../status.js";
import type { GitHubReads } from "./reads.js";

export function statusFromGitHub(_reads: GitHubReads): StatusFacts {
  return {};
}
