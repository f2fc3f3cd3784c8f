// Who this app is on GitHub, so that what it reads back (comments, issues, deployments) counts
// only when this app wrote it: hidden markers and payload keys are text anyone can type
// (issue #12, items 3 and 4).
//
// An app acts through its bot user, `<slug>[bot]` of type `Bot`: that user is the `user` of the
// comments and issues it writes and the `creator` of the deployments it makes. `creator` is what
// is relied on for deployments: GitHub's OpenAPI description lists it among a deployment's
// required fields, while `performed_via_github_app` is optional and comes back null even for an
// app's deployment (the `github-pages[bot]` deployment in @octokit/webhooks-examples,
// deployment_status.created, has `performed_via_github_app: null`). A person's login cannot hold
// `[` or `]`, so nobody but the app can be `<slug>[bot]`.
//
// The slug is read once per process with the app's JWT (`GET /app`, "Get the authenticated
// app", which answers `slug` and `id`), the first time something needs it, and kept; a failed read
// is not kept, so the job fails, is retried, and reads it again. Run as a workflow step with
// GITHUB_TOKEN, the writer is GitHub Actions' bot, `github-actions[bot]`.

import type { Probot } from "probot";

export type { AppIdentity } from "../policy/identity.js";
export { isThisApp } from "../policy/identity.js";
import type { AppIdentity } from "../policy/identity.js";

/** The identity of writes made with a workflow's GITHUB_TOKEN. */
export const GITHUB_ACTIONS: AppIdentity = { login: "github-actions[bot]" };

export type IdentitySource = () => Promise<AppIdentity>;

/** The app's identity from `GET /app`, read once and kept for the process. */
export function identityOf(app: Pick<Probot, "auth">): IdentitySource {
  let known: Promise<AppIdentity> | undefined;
  return () => {
    known ??= (async () => {
      const octokit = await app.auth();
      const { data } = await octokit.rest.apps.getAuthenticated();
      if (data === null || typeof data.slug !== "string" || data.slug === "")
        throw new Error("GET /app gave no slug: cannot tell this app's own comments and deployments");
      return { login: `${data.slug}[bot]` };
    })().catch((error: unknown) => {
      known = undefined;
      throw error;
    });
    return known;
  };
}

/** A fixed identity (the GitHub Actions mode, tests). */
export function fixedIdentity(identity: AppIdentity): IdentitySource {
  return () => Promise.resolve(identity);
}
