// Reads about people and pull requests for deploy commands: a pull request's head, and whether
// someone is on a team. Nothing here writes.
import { notFoundAsUndefined, type GitHub } from "../../github/client.js";
import type { PullHeadFact } from "../../policy/deploy/pull-head.js";
import type { RepoRef } from "../../policy/plan.js";

/**
 * The pull request's head (GET /repos/{owner}/{repo}/pulls/{pull_number}: `head.repo` is null
 * once a fork is deleted) and how far it is behind its base (compare's `behind_by`, base...head),
 * https://docs.github.com/rest/pulls/pulls#get-a-pull-request and
 * https://docs.github.com/rest/commits/commits#compare-two-commits.
 */
export async function pullHead(octokit: GitHub, repo: RepoRef, number: number): Promise<PullHeadFact | undefined> {
  const pull = await notFoundAsUndefined(octokit.rest.pulls.get({ ...repo, pull_number: number }));
  if (pull === undefined) return undefined;
  const { data } = pull;
  const open = data.state === "open";
  // Only an open head is deployed, so a closed one's distance from its base is not read.
  const behindBy = open
    ? (await octokit.rest.repos.compareCommitsWithBasehead({ ...repo, basehead: `${data.base.sha}...${data.head.sha}`, per_page: 1 })).data.behind_by
    : 0;
  return {
    number,
    open,
    headSha: data.head.sha,
    headRef: data.head.ref,
    headRepo: data.head.repo?.full_name ?? null,
    baseRepo: data.base.repo.full_name,
    baseRef: data.base.ref,
    behindBy,
  };
}

/**
 * Whether the person is an active member of `org/team-slug`: GET
 * /orgs/{org}/teams/{team_slug}/memberships/{username} answers 200 with `state` active or pending
 * (an invitation not yet accepted, which does not count), 404 when they are not on the team
 * (https://docs.github.com/rest/teams/members#get-team-membership-for-a-user). The app needs the
 * organisation's Members: read permission for it.
 */
export async function teamMember(octokit: GitHub, team: string, login: string): Promise<boolean> {
  const [org = "", slug = ""] = team.split("/");
  const membership = await notFoundAsUndefined(octokit.rest.teams.getMembershipForUserInOrg({ org, team_slug: slug, username: login }));
  return membership?.data.state === "active";
}
