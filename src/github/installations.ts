// Which client may act on a repository. An installation token covers only its installation's
// repositories (GitHub answers 404, or 403 "Resource not accessible by integration", anywhere
// else: issue #14 item 4), so an action on another repository than the event's (a downstream pin
// pull request, a dispatch into an infrastructure repository) uses a token of that repository's
// installation. It is found with the app's JWT, `GET /repos/{owner}/{repo}/installation` ("You
// must use a JWT to access this endpoint", the OpenAPI description), which answers 404 where the
// app is not installed: that is said in one sentence naming the repository and what it blocked.
// Each repository is looked up once per event and kept for the rest of it.
import type { Action, RepoRef } from "../policy/plan.js";
import { notFoundAsUndefined, type GitHub } from "./client.js";

/** Probot's `app.auth`: the app's own client (its JWT) without an id, an installation's with one. */
export type AppAuth = (installationId?: number) => Promise<GitHub>;

/** The client that may act on `repo`; `doing` says what for, in the sentence when it may not. */
export type OctokitFor = (repo: RepoRef, doing?: string) => Promise<GitHub>;

export class NotInstalledError extends Error {
  /** GitHub's answer to the lookup: no retry helps, and a dispatch counts as refused for good. */
  readonly status = 404;

  constructor(
    readonly repo: RepoRef,
    doing = "act",
  ) {
    const name = `${repo.owner}/${repo.repo}`;
    super(`Release Pilot is not installed on ${name}, so it cannot ${doing} there: install the app on ${name}`);
  }
}

export interface RepoClients {
  /** The event's client, for the event's repository (and every repository without `appAuth`). */
  readonly octokit: GitHub;
  readonly repo: RepoRef;
  /** The event's installation: a repository found in it is acted on with the event's client. */
  readonly installationId?: number | undefined;
  /** Absent where there is one token and no app (a workflow's GITHUB_TOKEN): it is used everywhere. */
  readonly appAuth?: AppAuth | undefined;
}

function sameRepo(a: RepoRef, b: RepoRef): boolean {
  return a.owner.toLowerCase() === b.owner.toLowerCase() && a.repo.toLowerCase() === b.repo.toLowerCase();
}

export function octokitsByRepo({ octokit, repo: home, installationId, appAuth }: RepoClients): OctokitFor {
  if (appAuth === undefined) return () => Promise.resolve(octokit);
  let app: Promise<GitHub> | undefined;
  const known = new Map<string, Promise<GitHub>>();

  const lookUp = async (repo: RepoRef): Promise<GitHub> => {
    app ??= appAuth();
    const found = await notFoundAsUndefined((await app).rest.apps.getRepoInstallation({ ...repo }));
    if (found === undefined) throw new NotInstalledError(repo);
    return found.data.id === installationId ? octokit : appAuth(found.data.id);
  };

  return async (repo, doing) => {
    if (sameRepo(repo, home)) return octokit;
    const key = `${repo.owner}/${repo.repo}`.toLowerCase();
    let client = known.get(key);
    if (client === undefined) {
      client = lookUp(repo);
      known.set(key, client);
      // Only "not installed" is an answer worth keeping; a lookup GitHub failed is asked again.
      client.catch((error: unknown) => {
        if (!(error instanceof NotInstalledError)) known.delete(key);
      });
    }
    try {
      return await client;
    } catch (error) {
      throw error instanceof NotInstalledError ? new NotInstalledError(repo, doing) : error;
    }
  };
}

/** What an action was about to do, as the "so it cannot ..." of a NotInstalledError. */
export function purposeOf(action: Action): string {
  switch (action.kind) {
    case "dispatch-workflow":
      return `dispatch ${action.workflow}`;
    case "dispatch-repository-event":
      return `send the ${action.eventType} repository_dispatch`;
    case "open-pull-request":
      return `open the pull request "${action.title}"`;
    case "commit-files":
      return `commit to ${action.branch}`;
    case "create-issue":
      return `open the issue "${action.title}"`;
    case "update-issue":
      return `update issue #${action.number}`;
    case "comment":
      return `comment on #${action.issueNumber}`;
    case "react":
      return "react to the comment";
    case "create-tag":
    case "move-tag":
      return `tag ${action.tag}`;
    case "create-release":
      return `create the release ${action.tag}`;
    case "update-release":
      return "update the release";
    case "create-deployment":
      return `create the ${action.environment} deployment`;
    case "set-deployment-status":
      return "report the deployment's status";
    case "acquire-lock":
      return `lock ${action.environment}`;
    case "release-lock":
      return `unlock ${action.environment}`;
    case "check-run":
      return `report the check run "${action.name}"`;
  }
}
