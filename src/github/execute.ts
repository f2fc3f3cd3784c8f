// The only code that writes to GitHub. Each runner looks for its action's effect first, so a
// plan carried out twice (a redelivery, a retry after a crash) changes nothing the second time.
import { ActionFailedError } from "../executor/port.js";
import type { Action, Plan } from "../policy/plan.js";

export { ActionFailedError };
import { runners } from "./actions/index.js";
import type { Effect, ExecutionContext } from "./effects.js";
import { type OctokitFor, purposeOf } from "./installations.js";

/** What a plan runs with; without octokitFor every repository is acted on with `octokit`. */
export type ExecuteContext = Omit<ExecutionContext, "effects" | "octokitFor"> & { readonly octokitFor?: OctokitFor | undefined };

export async function execute(plan: Plan, context: ExecuteContext): Promise<readonly Effect[]> {
  const effects = new Map<string, Effect>();
  const done: Effect[] = [];
  const octokitFor: OctokitFor = context.octokitFor ?? (() => Promise.resolve(context.octokit));
  for (const action of plan.actions) {
    const runner = runners[action.kind] as (action: Action, context: ExecutionContext) => Promise<Effect>;
    let result: Effect;
    try {
      result = await runner(action, { ...context, effects, octokitFor: (repo) => octokitFor(repo, purposeOf(action)) });
    } catch (error) {
      throw new ActionFailedError(action, error, done);
    }
    effects.set(action.key, result);
    done.push(result);
    context.log.info({ action: action.kind, key: action.key, status: result.status, url: result.url }, `${action.kind}: ${result.status}`);
    // A lock someone else holds: nothing after it may run without it.
    if (result.status === "held") break;
  }
  return done;
}
