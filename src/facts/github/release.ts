// ReleaseFacts read from GitHub.
import type { ReleaseFacts } from "../release.js";
import type { GitHubReads } from "./reads.js";

export function releaseFromGitHub(_reads: GitHubReads): ReleaseFacts {
  return {};
}
