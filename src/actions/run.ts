// Running Release Pilot as a step of a GitHub Actions workflow instead of hosting it: the
// workflow's event and token are handed to the same features once, and the step ends.
// What this mode cannot do is in docs/actions.md: nothing runs between events, so locks are only
// freed by the events that end them, no reconciler redelivers missed webhooks, and GITHUB_TOKEN
// reaches only the workflow's own repository.
import { Probot, ProbotOctokit } from "probot";
import { registerFeatures } from "../features/register.js";
import { fixedIdentity, GITHUB_ACTIONS } from "../github/identity.js";
import { type ActionsEnvironment, requireActionsEnvironment } from "./environment.js";
import { readInputs } from "./inputs.js";
import { ActionReport } from "./report.js";

export { ActionsSetupError, type ActionsEnvironment, requireActionsEnvironment } from "./environment.js";

/** Hands one workflow event to the features with the workflow's token, and waits for the work. */
export async function runInActions(env: ActionsEnvironment, payload: unknown): Promise<ActionReport> {
  const { GITHUB_TOKEN, GITHUB_EVENT_NAME } = requireActionsEnvironment(env);
  const inputs = readInputs(env);
  const probot = new Probot({
    githubToken: GITHUB_TOKEN,
    Octokit: ProbotOctokit.defaults({ baseUrl: env["GITHUB_API_URL"] ?? "https://api.github.com" }),
    logLevel: inputs.dryRun ? "info" : "warn",
  });
  const report = new ActionReport();
  // Writes made with GITHUB_TOKEN are GitHub Actions' bot's, and GET /app needs an app's JWT; so
  // does looking up another repository's installation: the workflow's token is the only one.
  await probot.load((app) =>
    registerFeatures(app, {
      dryRun: inputs.dryRun,
      self: fixedIdentity(GITHUB_ACTIONS),
      configFile: inputs.configFile,
      observe: (plan, effects) => report.observe(plan, effects, inputs.dryRun),
    }),
  );
  await probot.receive({ id: env["GITHUB_RUN_ID"] ?? "actions", name: GITHUB_EVENT_NAME, payload } as never);
  return report;
}
