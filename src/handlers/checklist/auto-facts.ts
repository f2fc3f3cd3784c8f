// What the bot knows about the default branch's head, for checklist items marked
// `<!-- release-pilot:auto ... -->`. Each fact is read only when the body has an item asking for
// it, so a checklist without auto items (GWCelery's) costs no extra call per edit. A fact that is
// unknown (no check runs yet, a pending deployment) stays undefined and ticks nothing.
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import type { GitHub } from "../../github/client.js";
import { branchSha, readFile } from "../../github/git.js";
import type { AutoFacts } from "../../policy/checklist/index.js";
import { changelogFormat } from "../../policy/changelog/index.js";
import type { Config } from "../../policy/config/index.js";
import type { RepoRef } from "../../policy/plan.js";

const GREEN = new Set(["success", "neutral", "skipped"]);
const STAGING = "staging";

function asks(body: string, fact: string): boolean {
  return new RegExp(`<!--\\s*release-pilot:auto\\s+${fact}\\s*-->`).test(body);
}

/** Every check run on the commit finished green; undefined while none exist or some still run. */
async function ciGreen(octokit: GitHub, repo: RepoRef, sha: string): Promise<boolean | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, per_page: 100 });
  const runs = data.check_runs;
  if (runs.some((run) => run.status === "completed" && !GREEN.has(run.conclusion ?? ""))) return false;
  if (runs.length === 0 || runs.some((run) => run.status !== "completed")) return undefined;
  return true;
}

async function changelogReady(octokit: GitHub, repo: RepoRef, sha: string, config: Config): Promise<boolean | undefined> {
  const changelog = config.changelog;
  // A file per release is written at release time: there is no unreleased section to look at.
  if (changelog === null || changelog.target.kind !== "file") return undefined;
  const text = await readFile(octokit, repo, changelog.target.file, sha);
  if (text === undefined) return false;
  const format = changelogFormat(changelog.format, { heading: changelog.heading, unreleased: changelog.unreleased, empty: [changelog.empty] });
  return format.unreleasedEntries(text).length > 0;
}

/** This app's newest deployment of this commit to `staging` ended in success; anyone else's says nothing. */
async function stagingDeployed(octokit: GitHub, repo: RepoRef, sha: string, self: AppIdentity): Promise<boolean | undefined> {
  const { data: deployments } = await octokit.rest.repos.listDeployments({ ...repo, environment: STAGING, sha, per_page: 10 });
  const newest = deployments.find((deployment) => isThisApp(deployment.creator, self));
  if (newest === undefined) return undefined;
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: newest.id, per_page: 1 });
  return statuses[0]?.state === "success" ? true : undefined;
}

/** Which facts the body's auto items ask for; the others are never read. */
export function askedAutoFacts(body: string): { readonly ci: boolean; readonly changelog: boolean; readonly staging: boolean } {
  return { ci: asks(body, "ci-green"), changelog: asks(body, "changelog-ready"), staging: asks(body, "staging-deployed") };
}

export async function gatherAutoFacts(
  octokit: GitHub,
  repo: RepoRef,
  input: { readonly body: string; readonly defaultBranch: string; readonly config: Config; readonly self: AppIdentity },
): Promise<AutoFacts | undefined> {
  const { body } = input;
  const wanted = askedAutoFacts(body);
  if (!wanted.ci && !wanted.changelog && !wanted.staging) return undefined;
  const sha = await branchSha(octokit, repo, input.defaultBranch);
  if (sha === undefined) return undefined;
  const ci = wanted.ci ? await ciGreen(octokit, repo, sha) : undefined;
  const changes = wanted.changelog ? await changelogReady(octokit, repo, sha, input.config) : undefined;
  const staging = wanted.staging ? await stagingDeployed(octokit, repo, sha, input.self) : undefined;
  return {
    sha,
    ...(ci === undefined ? {} : { ciGreen: ci }),
    ...(changes === undefined ? {} : { changelogReady: changes }),
    ...(staging === undefined ? {} : { stagingDeployed: staging }),
  };
}
