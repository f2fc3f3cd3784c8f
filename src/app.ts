import type { ApplicationFunctionOptions, Probot } from "probot";
import { runOptionsFromEnv, type RunOptions } from "./features/carry-out.js";
import { registerFeatures } from "./features/register.js";
import { runTimer } from "./features/timers.js";
import { identityOf, type IdentitySource } from "./github/identity.js";
import type { AppAuth } from "./github/installations.js";
import { runtimeSettingsFromEnv, startRuntime } from "./runtime/index.js";

/**
 * Entry point: registers each event once and holds no logic. `appAuth` acts on repositories of
 * other installations (Probot's `app.auth`); null where the one token is all there is.
 */
export default function releasePilot(
  app: Probot,
  server?: Pick<ApplicationFunctionOptions, "addHandler">,
  self: IdentitySource = identityOf(app),
  appAuth: AppAuth | null = (installationId) => app.auth(installationId),
): void {
  let options: RunOptions = { ...runOptionsFromEnv(process.env, self), ...(appAuth === null ? {} : { appAuth }) };
  // Webhooks are stored and answered at once, then replayed through the handlers below; the
  // queue also keeps the timers the handlers set (verify requests, lock expiry checks). Jobs
  // start on a later turn, after `options` below names the queue.
  const runtime = server ? startRuntime(app, server, runtimeSettingsFromEnv(process.env), { onTimer: (job) => runTimer(app, job, options), self }) : undefined;
  if (runtime) options = { ...options, timers: runtime.timers };
  registerFeatures(app, options);
}
