// Every event of the registry handed to its features, on a Probot app. The hosted app (src/app.ts)
// adds the runtime around it; the Action (src/actions/run.ts) uses it bare, so its bundle holds
// no job queue, SQLite or Redis client.
import type { Probot } from "probot";
import type { RunOptions } from "./carry-out.js";
import type { EventHandler } from "./feature.js";
import { fromProbot } from "./from-probot.js";
import { registry } from "./registry.js";
import { missingPayloadField } from "../policy/payload-shape.js";

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

export function registerFeatures(app: Probot, options: RunOptions): void {
  for (const event of Object.keys(registry) as (keyof typeof registry)[]) {
    const handler = registry[event] as EventHandler<typeof event> | undefined;
    if (handler === undefined) continue;
    app.on(
      event,
      guarded((context) => handler(fromProbot(context as never, options), options)),
    );
  }
}
