// What the Action tells the workflow: a log line per action taken (so the run's log reads as the
// bot's own account), and outputs a later step can use: the deployment it created, the version
// and tag it released.
import type { Effect } from "../policy/effect.js";
import type { Plan } from "../policy/plan.js";

export interface ActionOutputs {
  "deployment-id"?: string;
  version?: string;
  tag?: string;
}

export class ActionReport {
  readonly lines: string[] = [];
  readonly outputs: ActionOutputs = {};

  observe(plan: Plan, effects: readonly Effect[], dryRun: boolean): void {
    const byKey = new Map(effects.map((effect) => [effect.key, effect]));
    for (const action of plan.actions) {
      const effect = byKey.get(action.key);
      const status = dryRun ? "planned (dry run)" : (effect?.status ?? "not reached");
      this.lines.push(`release-pilot: ${action.kind} ${action.key}: ${status}`);
      if (dryRun || effect === undefined) continue;
      if (action.kind === "create-deployment" && effect.id !== undefined) this.outputs["deployment-id"] = String(effect.id);
      if (action.kind === "create-release" && !action.draft) {
        this.outputs.tag = action.tag;
        if (action.version !== undefined) this.outputs.version = action.version;
      }
    }
  }

  /** `name=value` lines for `$GITHUB_OUTPUT` ("Workflow commands", setting an output parameter). */
  outputFile(): string {
    return Object.entries(this.outputs)
      .map(([name, value]) => `${name}=${String(value).replace(/[\r\n]/g, " ")}\n`)
      .join("");
  }
}
