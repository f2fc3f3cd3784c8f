// What a workflow step must have for the Action to run, checked before anything else.

/** The variables Actions sets for a step (GITHUB_TOKEN passed in by the workflow or the token input). */
export type ActionsEnvironment = Readonly<Record<string, string | undefined>>;

export class ActionsSetupError extends Error {}

type Required3 = { readonly GITHUB_TOKEN: string; readonly GITHUB_EVENT_NAME: string; readonly GITHUB_EVENT_PATH: string };

export function requireActionsEnvironment(env: ActionsEnvironment): Required3 {
  // The `token` input (default `${{ github.token }}`) is the token when the step sets no GITHUB_TOKEN.
  const token = env["GITHUB_TOKEN"] || env["INPUT_TOKEN"];
  const missing = [...(token ? [] : ["GITHUB_TOKEN"]), ...(["GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH"] as const).filter((name) => !env[name])];
  if (missing.length > 0 || !token) {
    throw new ActionsSetupError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set; run this as a workflow step with env: { GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }} }.`,
    );
  }
  return { GITHUB_TOKEN: token, GITHUB_EVENT_NAME: env["GITHUB_EVENT_NAME"]!, GITHUB_EVENT_PATH: env["GITHUB_EVENT_PATH"]! };
}
