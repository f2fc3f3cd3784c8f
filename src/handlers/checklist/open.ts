// Opening the release checklist automatically: a release branch appearing, a prerelease being
// published, a draft release being saved. Each gathers the same facts and lets
// `planOpenChecklist` decide; the executor also finds the issue again by its key, so a
// redelivered event never opens a second checklist.
import type { FeatureContext } from "../feature.js";
import type { ChecklistTrigger } from "../../policy/checklist/index.js";
import { planOpenChecklist } from "../../policy/checklist/index.js";
import type { Config, ChecklistConfig } from "../../policy/config/index.js";
import type { Plan } from "../../policy/plan.js";
import { appOfTag } from "../../policy/release/which-app.js";
import { matchTemplate } from "../../policy/template.js";
import type { Effect } from "../../github/effects.js";
import { carryOut, type RunOptions } from "../carry-out.js";
import type { Feature } from "../feature.js";
import { gatherOpenChecklist, type FoundChecklistIssue } from "./gather-open.js";

export interface OpenOutcome {
  readonly plan: Plan;
  readonly effects: readonly Effect[];
  readonly existing: readonly FoundChecklistIssue[];
}

export async function openChecklist(
  context: FeatureContext,
  input: { readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger; readonly defaultBranch: string },
  options: RunOptions,
): Promise<OpenOutcome> {
  const { facts, existing } = await gatherOpenChecklist({ octokit: context.octokit, repo: context.repo(), ...input });
  const decision = planOpenChecklist(facts);
  const effects = await carryOut(context, decision, options);
  return { plan: decision, effects, existing };
}

/** The only app, when there is one; a monorepo must name it (in the branch or the tag). */
function soleApp(config: Config): string | undefined {
  return config.apps.length === 1 ? config.apps[0]?.name : undefined;
}

function appForTag(config: Config, tag: string): string | undefined {
  return appOfTag(tag, config.apps)?.app ?? soleApp(config);
}

export type ReleaseBranchChecklist =
  | { readonly kind: "skip" }
  | { readonly kind: "no-app"; readonly branch: string }
  | { readonly kind: "open"; readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger };

/** Whether a push opens a checklist, from the payload and config alone (shared with `release-pilot plan`). */
export function releaseBranchChecklist(
  config: Config,
  push: { readonly ref: string; readonly created: boolean; readonly deleted: boolean },
): ReleaseBranchChecklist {
  const checklist = config.checklist;
  // Only the push that creates the branch: later pushes to it are fixes, not a new release.
  if (checklist === null || !push.created || push.deleted || !push.ref.startsWith("refs/heads/")) return { kind: "skip" };
  // Checked here as well as in policy so that every other push costs no API call.
  if (!checklist.openOn.includes("release-branch")) return { kind: "skip" };
  const branch = push.ref.slice("refs/heads/".length);
  const groups = matchTemplate(checklist.releaseBranch, branch);
  if (groups === undefined) return { kind: "skip" };
  const named = groups["app"];
  const app = named !== undefined && config.apps.some((a) => a.name === named) ? named : soleApp(config);
  if (app === undefined) return { kind: "no-app", branch };
  return { kind: "open", checklist, app, trigger: { kind: "release-branch", branch } };
}

export const openChecklistOnReleaseBranch: Feature<"push"> = async function openChecklistOnReleaseBranch(context, config, options) {
  const { payload } = context;
  const decided = releaseBranchChecklist(config, payload);
  if (decided.kind === "skip") return;
  if (decided.kind === "no-app") {
    context.log.info({ delivery: context.id, branch: decided.branch }, "release branch names no app in a repository with several; no checklist opened");
    return;
  }
  const defaultBranch = payload.repository.default_branch ?? "main";
  await openChecklist(context, { checklist: decided.checklist, app: decided.app, trigger: decided.trigger, defaultBranch }, options);
};

export type ReleaseChecklist =
  | { readonly kind: "skip" }
  | { readonly kind: "no-app"; readonly tag: string }
  | { readonly kind: "open"; readonly checklist: ChecklistConfig; readonly app: string; readonly trigger: ChecklistTrigger };

/** Whether a prerelease or a draft release opens a checklist, from the payload and config alone (shared with `release-pilot plan`). */
export function releaseChecklist(config: Config, tag: string, kind: "prerelease" | "draft-release"): ReleaseChecklist {
  const checklist = config.checklist;
  if (checklist === null || !checklist.openOn.includes(kind)) return { kind: "skip" };
  const app = appForTag(config, tag);
  if (app === undefined) return { kind: "no-app", tag };
  return { kind: "open", checklist, app, trigger: { kind, tag } };
}

async function openForRelease(
  context: FeatureContext<"release.prereleased" | "release.created">,
  config: Config,
  options: RunOptions,
  kind: "prerelease" | "draft-release",
): Promise<void> {
  const { release, repository } = context.payload;
  const decided = releaseChecklist(config, release.tag_name, kind);
  if (decided.kind === "skip") return;
  if (decided.kind === "no-app") {
    context.log.info({ delivery: context.id, tag: release.tag_name }, "release tag belongs to no configured app; no checklist opened");
    return;
  }
  await openChecklist(context, { checklist: decided.checklist, app: decided.app, trigger: decided.trigger, defaultBranch: repository.default_branch }, options);
}

/** A published prerelease (`v2.6.0rc1`) opens the checklist of its final version (`2.6.0`). */
export const openChecklistOnPrerelease: Feature<"release.prereleased"> = async function openChecklistOnPrerelease(context, config, options) {
  await openForRelease(context, config, options, "prerelease");
};

/** `release.created` also fires for releases published directly; only drafts open a checklist. */
export const openChecklistOnDraftRelease: Feature<"release.created"> = async function openChecklistOnDraftRelease(context, config, options) {
  if (!context.payload.release.draft) return;
  await openForRelease(context, config, options, "draft-release");
};
