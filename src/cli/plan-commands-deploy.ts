// /deploy, /rollback and /promote planned as their handlers (src/handlers/commands/deploy.ts,
// rollback.ts, promote.ts) decide them: pick the environment and app, choose what to deploy
// from the history or the ref, then the same deploy decision as every other deploy.
import { appName, type DeployRequest } from "../policy/deploy/decide-deploy.js";
import { commandApp, environmentNamed } from "../handlers/deploy/from-command.js";
import { isVersion, stripV } from "../policy/commands/arguments.js";
import type { DeployCommand, PromoteCommand, RollbackCommand } from "../policy/commands/types.js";
import { choosePromotion } from "../policy/deploy/promote.js";
import { rollbackForCommand } from "../policy/deploy/rollback.js";
import { redeployOf } from "../policy/deploy/settings.js";
import type { Plan } from "../policy/plan.js";
import { appOfTag } from "../policy/release/which-app.js";
import { tryRender } from "../policy/template.js";
import { answered, type CommandRun } from "./plan-comment.js";
import { planDeployRequest } from "./plan-deploys.js";
import { approvalsOf, commitOf, historyOf } from "./plan-world.js";

type Requested = Pick<DeployRequest, "env" | "sha" | "withMigrations"> & Partial<Pick<DeployRequest, "app" | "version" | "tag" | "image">>;

/** deployFromCommand: who asked, where, with which approvals. */
function deployFromCommand(run: CommandRun<DeployCommand | RollbackCommand | PromoteCommand>, request: Requested): Plan {
  const { input } = run;
  const { comment, issue } = input.payload;
  return planDeployRequest(input, {
    ...request,
    trigger: `comment-${comment.id}`,
    requester: run.author,
    issueNumber: issue.number,
    approvals: request.env.approvals > 0 ? approvalsOf(input) : [],
    defaultBranch: input.defaultBranch,
  });
}

/** resolveTarget: a version names the app's release tag; a ref is a branch, tag or SHA; nothing means the branch the environment follows. */
function resolveTarget(
  run: CommandRun<DeployCommand>,
  app: string | undefined,
  followed: string | undefined,
): { sha: string; version?: string; tag?: string } | { error: string } {
  const { input, command } = run;
  const ref = command.ref ?? followed ?? input.defaultBranch;
  const appConfig = input.config.apps.find((candidate) => candidate.name === app) ?? input.config.apps[0];
  if (command.ref !== undefined && isVersion(command.ref) && appConfig !== undefined) {
    const version = stripV(command.ref);
    const tag = tryRender(appConfig.tag, { version, app: appConfig.name });
    const sha = tag.ok ? commitOf(input, tag.value) : undefined;
    if (tag.ok && sha !== undefined) return { sha, version, tag: tag.value };
  }
  const sha = commitOf(input, ref);
  if (sha === undefined)
    return { error: `${ref} is not a branch, tag or commit of this repository; name one that is, e.g. /deploy ${command.environment} ${input.defaultBranch}` };
  const release = appConfig === undefined ? undefined : appOfTag(ref, [appConfig]);
  return release === undefined ? { sha } : { sha, version: release.version, tag: ref };
}

export function planDeployCommand(run: CommandRun<DeployCommand>): Plan {
  const { command, input } = run;
  const { config } = input;
  const env = environmentNamed(config, command.environment);
  if (env === undefined) return answered(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const chosen = commandApp(config, env, command.app, (app) => ["/deploy", env.name, command.ref, app].filter(Boolean).join(" "));
  if ("error" in chosen) return answered(run, chosen.error);
  const target = resolveTarget(run, appName(config, chosen.app), env.follows?.kind === "branch" ? env.follows.branch : undefined);
  if ("error" in target) return answered(run, target.error);
  return deployFromCommand(run, { env, ...chosen, ...target, withMigrations: command.withMigrations });
}

export function planRollback(run: CommandRun<RollbackCommand>): Plan {
  const { command, input } = run;
  const env = environmentNamed(input.config, command.environment);
  if (env === undefined) return answered(run, `there is no environment ${command.environment}; type /help for this repository's environments.`);
  const chosen = commandApp(input.config, env, command.app, (app) => `/rollback ${env.name} ${app}`);
  if ("error" in chosen) return answered(run, chosen.error);
  const history = historyOf(input, env.name, chosen.app);
  // A named tag that was never deployed here is still a fine place to go back to.
  const named = command.to === undefined ? undefined : commitOf(input, command.to);
  const target = rollbackForCommand(command, env.name, chosen.app, history, named);
  if ("error" in target) return answered(run, target.error);
  return deployFromCommand(run, { env, ...chosen, ...redeployOf(target), withMigrations: false });
}

export function planPromote(run: CommandRun<PromoteCommand>): Plan {
  const { command, input } = run;
  const from = environmentNamed(input.config, command.from);
  const to = environmentNamed(input.config, command.to);
  if (from === undefined || to === undefined)
    return answered(run, `there is no environment ${from === undefined ? command.from : command.to}; type /help for this repository's environments.`);
  const chosen = commandApp(input.config, to, command.app, (app) => `/promote ${from.name} ${to.name} ${app}`);
  if ("error" in chosen) return answered(run, chosen.error);
  const target = choosePromotion({ from: from.name, to: to.name, history: historyOf(input, from.name, chosen.app) });
  if ("error" in target) return answered(run, target.error);
  return deployFromCommand(run, { env: to, ...chosen, ...redeployOf(target), withMigrations: false });
}
