import type { CreateRelease, UpdateRelease } from "../../policy/plan.js";
import { statusOf } from "../client.js";
import { effect, resolveCommit, type ActionRunner, type ExecutionContext } from "../effects.js";
import { LIMITS, fitBody } from "../limits.js";

// Drafts are invisible to GET /releases/tags/{tag}, so releases are found by listing the newest.
async function findRelease(action: CreateRelease, context: ExecutionContext) {
  const { data: releases } = await (await context.octokitFor(action.repo)).rest.repos.listReleases({ ...action.repo, per_page: 100 });
  return releases.find((release) => release.tag_name === action.tag);
}

export const createRelease: ActionRunner<CreateRelease> = async (action, context) => {
  const octokit = await context.octokitFor(action.repo);
  if (action.knownAbsent !== true) {
    const found = await findRelease(action, context);
    if (found !== undefined) return effect(action, "already-done", { url: found.html_url, id: found.id });
  }
  try {
    const { data } = await octokit.rest.repos.createRelease({
      ...action.repo,
      tag_name: action.tag,
      name: action.name,
      body: fitBody(action.body, LIMITS.releaseBody),
      draft: action.draft,
      prerelease: action.prerelease,
      ...(action.target === undefined ? {} : { target_commitish: resolveCommit(action.target, context) }),
      // make_latest is a string enum ("true" | "false" | "legacy") in GitHub's create-release API.
      ...(action.makeLatest === false ? { make_latest: "false" as const } : {}),
    });
    return effect(action, "done", { url: data.html_url, id: data.id });
  } catch (error) {
    // GitHub refuses a second published release of a tag: someone made it since the handler looked.
    if (statusOf(error) !== 422) throw error;
    const found = await findRelease(action, context);
    if (found === undefined) throw error;
    return effect(action, "already-done", { url: found.html_url, id: found.id });
  }
};

export const updateRelease: ActionRunner<UpdateRelease> = async (action, { octokitFor }) => {
  const octokit = await octokitFor(action.repo);
  const { data: current } = await octokit.rest.repos.getRelease({ ...action.repo, release_id: action.releaseId });
  const body = action.body === undefined ? undefined : fitBody(action.body, LIMITS.releaseBody);
  const changes = {
    ...(action.tag !== undefined && action.tag !== current.tag_name ? { tag_name: action.tag } : {}),
    ...(action.name !== undefined && action.name !== current.name ? { name: action.name } : {}),
    ...(body !== undefined && body !== (current.body ?? "") ? { body } : {}),
  };
  if (Object.keys(changes).length === 0) return effect(action, "already-done", { url: current.html_url, id: current.id });
  const { data } = await octokit.rest.repos.updateRelease({ ...action.repo, release_id: action.releaseId, ...changes });
  return effect(action, "done", { url: data.html_url, id: data.id });
};
