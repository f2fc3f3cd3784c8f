// Running Release Pilot as a step of a GitHub Actions workflow instead of hosting it: the
// workflow's event and token are handed to the same app once, and the step ends.
// What this mode cannot do is in the README: nothing runs between events, so locks are only
// freed by the events that end them, and no reconciler redelivers missed webhooks.
import { Probot, ProbotOctokit } from "probot";
import releasePilot from "../app.js";
import { fixedIdentity, GITHUB_ACTIONS } from "../github/identity.js";

/** The variables Actions sets for a step (GITHUB_TOKEN passed in by the workflow). */
export type ActionsEnvironment = Readonly<Record<string, string | undefined>>;

type Required3 = { readonly GITHUB_TOKEN: string; readonly GITHUB_EVENT_NAME: string; readonly GITHUB_EVENT_PATH: string };

export class ActionsSetupError extends Error {}

export function requireActionsEnvironment(env: ActionsEnvironment): Required3 {
  const missing = (["GITHUB_TOKEN", "GITHUB_EVENT_NAME", "GITHUB_EVENT_PATH"] as const).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new ActionsSetupError(
      `${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not set; run this as a workflow step with env: { GITHUB_TOKEN: \${{ secrets.GITHUB_TOKEN }} }.`,
    );
  }
  return { GITHUB_TOKEN: env["GITHUB_TOKEN"]!, GITHUB_EVENT_NAME: env["GITHUB_EVENT_NAME"]!, GITHUB_EVENT_PATH: env["GITHUB_EVENT_PATH"]! };
}

/** Hands one workflow event to the app with the workflow's token, and waits for the work. */
export async function runInActions(env: ActionsEnvironment, payload: unknown): Promise<void> {
  const { GITHUB_TOKEN, GITHUB_EVENT_NAME } = requireActionsEnvironment(env);
  const probot = new Probot({
    githubToken: GITHUB_TOKEN,
    Octokit: ProbotOctokit.defaults({ baseUrl: env["GITHUB_API_URL"] ?? "https://api.github.com" }),
  });
  // Writes made with GITHUB_TOKEN are GitHub Actions' bot's, and GET /app needs an app's JWT; so
  // does looking up another repository's installation: the workflow's token acts everywhere.
  await probot.load((app, options) => releasePilot(app, options, fixedIdentity(GITHUB_ACTIONS), null));
  await probot.receive({ id: env["GITHUB_RUN_ID"] ?? "actions", name: GITHUB_EVENT_NAME, payload } as never);
}
