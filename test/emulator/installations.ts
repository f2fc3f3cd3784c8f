// The app's installations and what each installation token may reach (issue #14 item 4). On
// GitHub an app is installed once per account, on all of its repositories or on the ones chosen,
// and an installation access token acts only within its installation: "Authenticating as an app
// installation lets your app access resources that are owned by the user or organization that
// installed the app" (GitHub docs, "About authentication with a GitHub App"). What the emulator
// answers a token outside its installation, each from a recorded answer:
// - a private repository it does not cover is "Not Found" (404), as for anyone who cannot see it:
//   "since we don't want to provide any information about private repositories, the API returns a
//   404 error instead" (GitHub docs, REST API "Troubleshooting", 404 error for an existing repository);
// - a public one reads as it does for anyone, and a write is 403 "Resource not accessible by
//   integration": a token minted for one repository dispatching a workflow in another of the same
//   organisation (actions/github-script#312) or creating a blob there (open-component-model/ocm#1834);
// - an app-only route (`/app/...`, `GET /repos/{owner}/{repo}/installation`) called with an
//   installation token instead of the app's JWT is 401 "A JSON web token could not be decoded"
//   (urcomputeringpal/kubevalidator#48, `GET /app/installations` with an installation token);
// - `GET /repos/{owner}/{repo}/installation` is 404 where the app is not installed (trycua/cua#3527,
//   chad-loder/pyhaul#18: create-github-app-token's repository-installation lookup answers 404
//   until the app is installed there).
// Tokens the emulator did not issue (a test's own `token: "t"`) are not bound to any installation.
import type { Reply } from "./http.js";
import type { Installation, Store } from "./store.js";

const DOCS = "https://docs.github.com/rest";

export interface InstallationOptions {
  readonly id: number;
  readonly account: string;
  /** `"all"`: every repository of the account, now and later; else the names of the chosen ones. */
  readonly repositories: "all" | readonly string[];
}

/** Install the app on an account; the repositories it covers move into this installation. */
export function addInstallation(store: Store, options: InstallationOptions): Installation {
  if (store.installations.has(options.id)) throw new Error(`emulator: installation ${options.id} exists`);
  const installation = store.installation(options.id, options.account, options.repositories === "all" ? "all" : "selected");
  const chosen = options.repositories === "all" ? undefined : new Set(options.repositories.map((name) => name.toLowerCase()));
  for (const name of chosen ?? []) {
    if (!store.repo(options.account, name)) throw new Error(`emulator: no repository ${options.account}/${name}; call createRepo first`);
  }
  for (const repo of store.repos.values()) {
    if (repo.owner.toLowerCase() !== options.account.toLowerCase()) continue;
    if (chosen === undefined || chosen.has(repo.name.toLowerCase())) repo.installationId = options.id;
  }
  return installation;
}

/** The installation whose access token this is; undefined for a JWT, a person's or an unknown token. */
export function installationOfToken(store: Store, token: string): number | undefined {
  return store.tokens.get(token);
}

// The routes @octokit/auth-app sends with the app's JWT (its requires-app-auth list).
const APP_ONLY =
  /^\/(app(\/|$)|marketplace_listing\/|(orgs\/\{org\}|users\/\{username\}|repos\/\{owner\}\/\{repo\}|enterprises\/\{enterprise\})\/installation$)/;

export function isAppOnly(route: string): boolean {
  return APP_ONLY.test(route);
}

export interface AccessRequest {
  readonly store: Store;
  readonly token: string;
  readonly route: string;
  readonly params: Readonly<Record<string, string>>;
  readonly write: boolean;
}

/** GitHub's answer when this token may not make this call; undefined when it may. */
export function installationRefusal({ store, token, route, params, write }: AccessRequest): Reply | undefined {
  const installation = installationOfToken(store, token);
  if (installation === undefined) return undefined;
  if (isAppOnly(route)) return { status: 401, body: { message: "A JSON web token could not be decoded", documentation_url: DOCS, status: "401" } };
  if (!route.startsWith("/repos/{owner}/{repo}")) return undefined;
  const repo = store.repo(params["owner"] ?? "", params["repo"] ?? "");
  if (!repo || repo.installationId === installation) return undefined;
  if (repo.private) return { status: 404, body: { message: "Not Found", documentation_url: DOCS, status: "404" } };
  if (!write) return undefined;
  return { status: 403, body: { message: "Resource not accessible by integration", documentation_url: DOCS, status: "403" } };
}
