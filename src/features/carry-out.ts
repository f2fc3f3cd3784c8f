import type { Effect } from "../github/effects.js";
import type { IdentitySource } from "../github/identity.js";
import type { AppAuth } from "../github/installations.js";
import type { Executor } from "../executor/port.js";
import type { Plan } from "../policy/plan.js";
import type { TimerPort } from "./timer-port.js";

export interface RunOptions {
  /** Print the plan and stop: the executor is skipped whole, so no writer needs to know. */
  readonly dryRun: boolean;
  /** Who this app is: only what it wrote itself (comments, issues, deployments) is its own. */
  readonly self: IdentitySource;
  /** Where work for later is kept (the job queue); absent without a runtime. */
  readonly timers?: TimerPort;
  /**
   * The app's authentication (Probot's `app.auth`), for acting on a repository of another
   * installation than the event's; absent where one token is all there is (a workflow step).
   */
  readonly appAuth?: AppAuth;
  /**
   * Tests only: `verify.url` may be on 127.0.0.1 (a local version server). Set by
   * VERIFY_ALLOW_LOOPBACK=1 together with NODE_ENV=test, never by the config; private and
   * link-local addresses stay refused either way.
   */
  readonly verifyMayReadLoopback?: boolean;
  /** The config's file name under `.github/` (the Action's `config` input); release-pilot.yml when absent. */
  readonly configFile?: string;
  /** Told of every plan carried out and what it left (the Action's log lines and outputs). */
  readonly observe?: (plan: Plan, effects: readonly Effect[]) => void;
}

export function runOptionsFromEnv(env: NodeJS.ProcessEnv, self: IdentitySource): RunOptions {
  return {
    dryRun: env["DRY_RUN"] === "true" || env["DRY_RUN"] === "1",
    self,
    verifyMayReadLoopback: env["NODE_ENV"] === "test" && env["VERIFY_ALLOW_LOOPBACK"] === "1",
  };
}

/** Hands a plan to the context's executor: GitHub's in the app, the recorder offline. */
export function carryOut(context: { readonly executor: Executor }, plan: Plan, _options?: RunOptions): Promise<readonly Effect[]> {
  return context.executor.carryOut(plan);
}
