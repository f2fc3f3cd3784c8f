// `/checklist [X.Y.Z] [app]`: what to answer before anything is read (not set up, which version,
// which app), and the answer once the checklist is opened or found. Without a version the bot
// asks for one rather than guessing the next: a guess would open a checklist for a version
// nobody meant, and the issue would stay around.
import type { ChecklistCommand } from "../commands/types.js";
import type { ChecklistConfig, Config } from "../config/index.js";
import type { Plan } from "../plan.js";
import { markerMatches, parseChecklistMarker } from "./marker.js";
import { versionForTrigger } from "./trigger.js";

export type ChecklistCommandStep =
  | { readonly kind: "answer"; readonly text: string }
  | { readonly kind: "open"; readonly checklist: ChecklistConfig; readonly app: string; readonly version: string };

export function checklistCommandStep(config: Config, command: ChecklistCommand): ChecklistCommandStep {
  if (config.checklist === null) {
    return {
      kind: "answer",
      text: "Release checklists are not set up here: add a `checklist:` section to `.github/release-pilot.yml` (for example `checklist: { template: .github/ISSUE_TEMPLATE/release.md }`).",
    };
  }
  const apps = config.apps.map((a) => a.name);
  const app = command.app ?? (apps.length === 1 ? apps[0] : undefined);
  if (command.version === undefined) {
    const example = `/checklist 2.6.0${app === undefined ? ` ${apps[0] ?? "app"}` : ""}`;
    return { kind: "answer", text: `Which version is the checklist for? Type the version, for example \`${example}\`.` };
  }
  if (app === undefined) {
    return { kind: "answer", text: `Which app is the checklist for? Type \`/checklist ${command.version} <app>\` with one of: ${apps.join(", ")}.` };
  }
  return { kind: "open", checklist: config.checklist, app, version: command.version };
}

/** The answer once the opening was carried out: its link, whether opened now or already there. */
export function checklistOpenedReply(input: {
  readonly app: string;
  readonly version: string;
  readonly plan: Plan;
  /** The create-issue effect, when the plan had one. */
  readonly created: { readonly status: "done" | "already-done" | "held"; readonly url?: string } | undefined;
  readonly existing: readonly { readonly number: number; readonly state: "open" | "closed"; readonly body: string; readonly url?: string }[];
}): string {
  const { created, app } = input;
  if (created?.url !== undefined) {
    const how = created.status === "done" ? "Opened the release checklist" : "The release checklist is already open";
    return `${how}: ${created.url}`;
  }
  // The version as the checklist's marker names it (`v2.6.0` typed is `2.6.0` there).
  const version = versionForTrigger({ kind: "command", version: input.version }).version;
  const found = input.existing.find((issue) => version !== undefined && markerMatches(parseChecklistMarker(issue.body), version, app));
  if (input.plan.reason === "already-done" && found !== undefined) {
    return `The release checklist for ${version} is already ${found.state === "open" ? "open" : "there (closed)"}: ${found.url ?? `#${found.number}`}`;
  }
  return input.plan.summary;
}
