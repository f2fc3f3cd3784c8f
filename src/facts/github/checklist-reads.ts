// The Octokit reads of release checklists: the issues carrying the checklist labels, whether the
// bot already said one is ready, and what the default branch's head shows for auto items. Each
// auto fact is read only when asked for (ci-green reads the check runs and the commit statuses),
// so a checklist without auto items (GWCelery's) costs no extra call per edit. A fact that is unknown (no check runs yet, a pending deployment) stays
// undefined and ticks nothing.
import type { GitHub } from "../../github/client.js";
import { branchSha, readFile } from "../../github/git.js";
import { isThisApp, type AppIdentity } from "../../github/identity.js";
import { hasKey } from "../../policy/markers/key.js";
import { historyState } from "../../policy/deploy/history-state.js";
import { STATUSES_READ } from "./deploy-reads.js";
import { changelogFormat } from "../../policy/changelog/index.js";
import type { AutoFacts } from "../../policy/checklist/index.js";
import { ciGreenOf } from "../../policy/checklist/ci-green.js";
import { commitStatusesOn } from "./deploy-reads.js";
import type { ChangelogConfig } from "../../policy/config/index.js";
import type { RepoRef } from "../../policy/plan.js";
import type { AskedAutoFacts, ChecklistIssueFact } from "../release.js";

const STAGING = "staging";

/** Issues with the checklist labels, newest 100, open or closed; pull requests left out. */
export async function listChecklistIssues(
  octokit: GitHub,
  repo: RepoRef,
  labels: readonly string[],
  state: "all" | "open",
): Promise<readonly ChecklistIssueFact[]> {
  const { data } = await octokit.rest.issues.listForRepo({
    ...repo,
    state,
    ...(labels.length > 0 ? { labels: labels.join(",") } : {}),
    sort: "created",
    direction: "desc",
    per_page: 100,
  });
  return data
    .filter((issue) => issue.pull_request === undefined)
    .map((issue) => ({
      number: issue.number,
      state: issue.state === "closed" ? ("closed" as const) : ("open" as const),
      body: issue.body ?? "",
      url: issue.html_url,
    }));
}

/** Only this app's own comment counts: the marker is text anyone can paste. */
export async function commentedWithKey(octokit: GitHub, repo: RepoRef, self: AppIdentity, issueNumber: number, key: string): Promise<boolean> {
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...repo, issue_number: issueNumber, per_page: 100 });
  return comments.some((comment) => isThisApp(comment.user, self) && hasKey(comment.body, key));
}

/** Every check run and commit status on the commit finished green (ci-green.ts); undefined while none exist or some still run. */
async function ciGreen(octokit: GitHub, repo: RepoRef, sha: string): Promise<boolean | undefined> {
  const { data } = await octokit.rest.checks.listForRef({ ...repo, ref: sha, per_page: 100 });
  return ciGreenOf(data.check_runs, await commitStatusesOn(octokit, repo, sha));
}

async function changelogReady(octokit: GitHub, repo: RepoRef, sha: string, changelog: ChangelogConfig | null): Promise<boolean | undefined> {
  // A file per release is written at release time: there is no unreleased section to look at.
  if (changelog === null || changelog.target.kind !== "file") return undefined;
  const text = await readFile(octokit, repo, changelog.target.file, sha);
  if (text === undefined) return false;
  const format = changelogFormat(changelog.format, { heading: changelog.heading, unreleased: changelog.unreleased, empty: [changelog.empty] });
  return format.unreleasedEntries(text).length > 0;
}

/**
 * This app's newest deployment of this commit to `staging` ended in success, even if GitHub made
 * it inactive when a newer deployment of staging (another app's, in a monorepo) succeeded after
 * it (history-state.ts); anyone else's says nothing.
 */
async function stagingDeployed(octokit: GitHub, repo: RepoRef, sha: string, self: AppIdentity): Promise<boolean | undefined> {
  const { data: deployments } = await octokit.rest.repos.listDeployments({ ...repo, environment: STAGING, sha, per_page: 10 });
  const newest = deployments.find((deployment) => isThisApp(deployment.creator, self));
  if (newest === undefined) return undefined;
  const { data: statuses } = await octokit.rest.repos.listDeploymentStatuses({ ...repo, deployment_id: newest.id, per_page: STATUSES_READ });
  const state = historyState(statuses);
  return state === "success" || state === "inactive" ? true : undefined;
}

export async function headAutoFacts(
  octokit: GitHub,
  repo: RepoRef,
  self: () => Promise<AppIdentity>,
  input: { readonly asked: AskedAutoFacts; readonly defaultBranch: string; readonly changelog: ChangelogConfig | null },
): Promise<AutoFacts | undefined> {
  const { asked } = input;
  if (!asked.ci && !asked.changelog && !asked.staging) return undefined;
  const sha = await branchSha(octokit, repo, input.defaultBranch);
  if (sha === undefined) return undefined;
  const ci = asked.ci ? await ciGreen(octokit, repo, sha) : undefined;
  const changes = asked.changelog ? await changelogReady(octokit, repo, sha, input.changelog) : undefined;
  const staging = asked.staging ? await stagingDeployed(octokit, repo, sha, await self()) : undefined;
  return {
    sha,
    ...(ci === undefined ? {} : { ciGreen: ci }),
    ...(changes === undefined ? {} : { changelogReady: changes }),
    ...(staging === undefined ? {} : { stagingDeployed: staging }),
  };
}
