// `/checklist [X.Y.Z] [app]`: open the release checklist for that version now, whatever
// `open_on` says (a person asked), and answer with its link, whether opened now or already there.
// Without a version the bot asks for one rather than guessing the next: a guess would open a
// checklist for a version nobody meant, and the issue would stay around.
import { markerMatches, parseChecklistMarker, versionForTrigger } from "../../policy/checklist/index.js";
import type { ChecklistCommand } from "../../policy/commands/types.js";
import { plan } from "../../policy/plan.js";
import { checklistVersionRefusal } from "../../policy/release/version-line.js";
import { carryOut } from "../carry-out.js";
import { openChecklist } from "../checklist/open.js";
import type { CommandHandler, CommandRun } from "./types.js";

type Run = CommandRun<ChecklistCommand>;

async function answer(run: Run, text: string): Promise<void> {
  await carryOut(run.context, plan("Answer /checklist.", [run.reply(text)]), run.options);
}

export const checklist: CommandHandler<ChecklistCommand> = async (run) => {
  const { context, command, config, options } = run;
  if (config.checklist === null) {
    await answer(
      run,
      "Release checklists are not set up here: add a `checklist:` section to `.github/release-pilot.yml` (for example `checklist: { template: .github/ISSUE_TEMPLATE/release.md }`).",
    );
    return;
  }
  const apps = config.apps.map((a) => a.name);
  const app = command.app ?? (apps.length === 1 ? apps[0] : undefined);
  if (command.version === undefined) {
    const example = `/checklist 2.6.0${app === undefined ? ` ${apps[0] ?? "app"}` : ""}`;
    await answer(run, `Which version is the checklist for? Type the version, for example \`${example}\`.`);
    return;
  }
  if (app === undefined) {
    await answer(run, `Which app is the checklist for? Type \`/checklist ${command.version} <app>\` with one of: ${apps.join(", ")}.`);
    return;
  }
  // Only a version above the app's newest release gets a checklist (the same rule as /release).
  const tagRefs = await context.octokit.paginate(context.octokit.rest.git.listMatchingRefs, { ...context.repo(), ref: "tags/", per_page: 100 });
  const tags = tagRefs.map((ref) => ref.ref.replace(/^refs\/tags\//, ""));
  const stale = checklistVersionRefusal({ config, app, version: command.version, tags, now: new Date().toISOString() });
  if (stale !== undefined) {
    await answer(run, stale);
    return;
  }
  const trigger = { kind: "command" as const, version: command.version };
  const defaultBranch = context.payload.repository.default_branch;
  const outcome = await openChecklist(context, { checklist: config.checklist, app, trigger, defaultBranch }, options);
  if (options.dryRun) return;
  const created = outcome.effects.find((effect) => effect.kind === "create-issue");
  if (created?.url !== undefined) {
    const how = created.status === "done" ? "Opened the release checklist" : "The release checklist is already open";
    await answer(run, `${how}: ${created.url}`);
    return;
  }
  const version = versionForTrigger(trigger).version;
  const found = outcome.existing.find((issue) => version !== undefined && markerMatches(parseChecklistMarker(issue.body), version, app));
  if (outcome.plan.reason === "already-done" && found !== undefined) {
    await answer(run, `The release checklist for ${version} is already ${found.state === "open" ? "open" : "there (closed)"}: ${found.url}`);
    return;
  }
  await answer(run, outcome.plan.summary);
};
