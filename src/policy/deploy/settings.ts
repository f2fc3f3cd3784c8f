// The inputs deploy policy needs, declared here rather than imported from the config module so
// that this policy depends on the shape it reads, not on how the config is written or parsed.

/** One environment's gates, after the config is normalised. */
export interface EnvironmentSettings {
  readonly name: string;
  /** Environments where the same commit (or image) must have succeeded first. */
  readonly requires: readonly string[];
  /** Check runs that must have completed with success on the commit. */
  readonly checks: readonly string[];
  /** Distinct approvers with at least write permission, other than the requester. */
  readonly approvals: number;
  /** Approvals older than this do not count; all count when absent. */
  readonly approvalsWithinMs?: number;
  /** Deploys are serialised: one at a time per environment. */
  readonly queue: boolean;
}

/** What is being deployed. */
export interface DeployTarget {
  readonly sha: string;
  readonly imageTag?: string;
}

export type DeploymentState = "success" | "failure" | "error" | "inactive" | "pending" | "in_progress" | "queued";

/**
 * One GitHub Deployment of an environment with its state in its app's history: the latest
 * status's, except that `inactive` means it reached `success` and GitHub (or someone) made it
 * inactive after (historyState in history-state.ts).
 */
export interface DeploymentRecord {
  readonly id: number;
  readonly sha: string;
  readonly ref: string;
  readonly imageTag?: string;
  /** The release that set this deploy off, from its payload (`release_tag`). */
  readonly releaseTag?: string;
  readonly state: DeploymentState;
  readonly createdAt: string;
}

/** What a rollback or promotion will deploy. */
export interface ChosenVersion {
  readonly sha: string;
  readonly ref: string;
  readonly imageTag?: string;
  /** The release it was deployed as, when a release set it off: what a promotion ships it as. */
  readonly releaseTag?: string;
}

/** What redeploying a chosen version asks for: its commit, its tag when it had one, its image. */
export function redeployOf(version: ChosenVersion): { readonly sha: string; readonly tag?: string; readonly image?: string } {
  return {
    sha: version.sha,
    ...(version.ref === version.sha ? (version.releaseTag === undefined ? {} : { tag: version.releaseTag }) : { tag: version.ref }),
    ...(version.imageTag === undefined ? {} : { image: version.imageTag }),
  };
}

/** Short SHA for sentences; full SHAs stay in refs and payloads. */
export function short(sha: string): string {
  return /^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha;
}

/**
 * Whether a deployment is to production, the one rule for every outcome that offers a rollback:
 * GitHub's `production_environment` flag when the deployment has it, else the environment's name.
 */
export function isProductionDeployment(environment: string, productionEnvironment?: boolean): boolean {
  return productionEnvironment === true || /^prod(uction)?$/i.test(environment);
}
