import type { ApplicationFunctionOptions, Probot } from "probot";
import type { EventHandler } from "./features/feature.js";
import { runOptionsFromEnv, type RunOptions } from "./features/carry-out.js";
import { runTimer } from "./features/timers.js";
import { identityOf, type IdentitySource } from "./github/identity.js";
import type { AppAuth } from "./github/installations.js";
import { fromProbot } from "./features/from-probot.js";
import { registry } from "./features/registry.js";
import { missingPayloadField } from "./policy/payload-shape.js";
import { runtimeSettingsFromEnv, startRuntime } from "./runtime/index.js";

interface Guardable {
  readonly name: string;
  readonly id: string;
  readonly payload: unknown;
  readonly log: { warn(fields: object, message: string): void };
}

/**
 * A handler that runs only on a payload holding what handlers read (src/policy/payload-shape.ts);
 * any other is skipped with a log line, not failed with "Cannot read properties of undefined".
 */
function guarded<C extends Guardable>(handler: (context: C) => Promise<void>): (context: C) => Promise<void> {
  return async (context) => {
    const missing = missingPayloadField(context.name, context.payload);
    if (missing !== undefined) {
      context.log.warn({ delivery: context.id, event: context.name, missing }, `payload skipped: it has no ${missing}`);
      return;
    }
    await handler(context);
  };
}

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
  for (const event of Object.keys(registry) as (keyof typeof registry)[]) {
    const handler = registry[event] as EventHandler<typeof event> | undefined;
    if (handler === undefined) continue;
    app.on(
      event,
      guarded((context) => handler(fromProbot(context as never, options), options)),
    );
  }
}
