// `/checklist [X.Y.Z] [app]`: open the release checklist for that version now, whatever
// `open_on` says (a person asked), and answer with its link; policy words every answer
// (src/policy/checklist/command.ts).
import { checklistCommandStep, checklistOpenedReply } from "../../policy/checklist/index.js";
import type { ChecklistCommand } from "../../policy/commands/types.js";
import { plan } from "../../policy/plan.js";
import { checklistVersionRefusal } from "../../policy/release/version-line.js";
import { carryOut } from "../../features/carry-out.js";
import { openChecklist } from "../checklist/open.js";
import type { CommandHandler, CommandRun } from "./types.js";

type Run = CommandRun<ChecklistCommand>;

async function answer(run: Run, text: string): Promise<void> {
  await carryOut(run.context, plan("Answer /checklist.", [run.reply(text)]));
}

export const checklist: CommandHandler<ChecklistCommand> = async (run) => {
  const { context, command, config, options } = run;
  const step = checklistCommandStep(config, command);
  if (step.kind === "answer") {
    await answer(run, step.text);
    return;
  }
  const { app, version } = step;
  // Only a version above the app's newest release gets a checklist (the same rule as /release).
  const stale = checklistVersionRefusal({ config, app, version, tags: await context.facts.tagNames(), now: context.now });
  if (stale !== undefined) {
    await answer(run, stale);
    return;
  }
  const defaultBranch = context.payload.repository.default_branch;
  const outcome = await openChecklist(context, { checklist: step.checklist, app, trigger: { kind: "command", version }, defaultBranch });
  if (options.dryRun) return;
  const created = outcome.effects.find((effect) => effect.kind === "create-issue");
  await answer(run, checklistOpenedReply({ app, version, plan: outcome.plan, created, existing: outcome.existing }));
};
