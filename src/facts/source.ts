// The FactSource port: every read a feature makes, in one typed interface. Two sources stand
// behind it: GitHub (src/facts/github/, the Octokit reads, in one place) and a facts file
// (src/facts/json/, what `release-pilot plan --facts` reads). test/facts/contract.test.ts holds
// both to the same answers, as the JobQueue contract test holds SQLite and Redis.
import type { BackportFacts } from "./backport.js";
import type { CoreFacts } from "./core.js";
import type { DeployFacts } from "./deploy.js";
import type { ReleaseFacts } from "./release.js";
import type { StatusFacts } from "./status.js";

export interface FactSource extends CoreFacts, DeployFacts, ReleaseFacts, StatusFacts, BackportFacts {}

export type { BackportFacts, CoreFacts, DeployFacts, ReleaseFacts, StatusFacts };
