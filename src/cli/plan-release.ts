// `plan --event release`: what the release features (src/handlers/events/release-*.ts) would do.
// published: the changelog PR or commit, deploys of the environments that follow releases,
// downstream pin PRs, closing the version's checklist; prereleased / created (a draft): opening
// the final version's checklist.
import { z } from "zod";
import { releaseFacts } from "../handlers/changelog-for-release.js";
import { checklistOf, releaseClosesChecklist } from "../handlers/checklist/close.js";
import { releaseChecklist } from "../handlers/checklist/open.js";
import { releaseDeploy, releaseDeploys } from "../policy/deploy/targets.js";
import { downstreamFacts, raisesPins } from "../handlers/downstream-pins.js";
import { releaseCreatedFeatures } from "../handlers/events/release-created.js";
import { releasePrereleasedFeatures } from "../handlers/events/release-prereleased.js";
import { releasePublishedFeatures } from "../handlers/events/release-published.js";
import { planCloseChecklist } from "../policy/checklist/index.js";
import { nothing, type Plan } from "../policy/plan.js";
import { planChangelogForRelease } from "../policy/release/changelog-pr.js";
import { planDownstreamPins, type DownstreamFile } from "../policy/release/downstream.js";
import { checklistIssues, planChecklistOpening } from "./plan-checklist.js";
import { planDeployRequest } from "./plan-deploys.js";
import { planDashboard, planFeatures, single } from "./plan-features.js";
import { Repository, type PlanInput, type PlannedPart } from "./plan-input.js";

export const ReleasePayload = z.object({
  action: z.string(),
  release: z.object({
    id: z.number(),
    tag_name: z.string(),
    target_commitish: z.string(),
    name: z.string().nullable(),
    body: z.string().nullable(),
    html_url: z.string(),
    draft: z.boolean(),
    prerelease: z.boolean(),
    author: z.object({ login: z.string() }).nullish(),
  }),
  repository: Repository,
  sender: z.object({ login: z.string() }).nullish(),
});

type Release = PlanInput<z.infer<typeof ReleasePayload>>;

/** The commit the release's tag names, which the handlers read from the tag. */
function releasedCommit(input: Release): string {
  const { release } = input.payload;
  const given = input.facts.sha ?? input.facts.refs?.[release.tag_name];
  if (given !== undefined) return given;
  input.assumed.add(`sha: the tag ${release.tag_name} names ${release.target_commitish} (the release's target_commitish)`);
  return release.target_commitish;
}

function changelogForRelease(input: Release): Plan {
  const { payload, facts } = input;
  const decided = releaseFacts({ ...payload, repository: { ...payload.repository, default_branch: input.defaultBranch } }, input.config);
  return planChangelogForRelease({ ...decided, actor: facts.actor ?? decided.actor });
}

function deployFollowingRelease(input: Release): readonly PlannedPart[] {
  const { release, sender } = input.payload;
  const feature = "deployFollowingRelease";
  const deploys = releaseDeploys(input.config, { tag: release.tag_name, draft: release.draft, prerelease: release.prerelease });
  if (deploys.kind === "none")
    return [{ feature, plan: nothing("event-not-relevant", `No environment follows ${release.prerelease ? "prereleases" : "releases"}.`) }];
  if (deploys.kind === "no-app")
    return [{ feature, plan: nothing("event-not-relevant", `The tag ${release.tag_name} names no app's release; nothing to deploy.`) }];
  const sha = releasedCommit(input);
  const facts = {
    id: release.id,
    tag: release.tag_name,
    draft: release.draft,
    prerelease: release.prerelease,
    requester: sender?.login ?? release.author?.login ?? "unknown",
    defaultBranch: input.defaultBranch,
  };
  const now = deploys.envs.map((env): PlannedPart => ({ feature, plan: planDeployRequest(input, releaseDeploy(input.config, env, deploys, facts, sha)) }));
  // Deployed by the deployment_status of what they require, not by this event.
  const later = deploys.waiting.map(
    (env): PlannedPart => ({
      feature,
      plan: nothing(
        "event-not-relevant",
        `${env.name} takes ${release.tag_name} once ${env.requires.join(", ")} reports success with it (a deployment_status event).`,
      ),
    }),
  );
  return [...now, ...later];
}

function downstreamPins(input: Release): Plan | string {
  const { config, payload, facts } = input;
  if (!raisesPins(config, payload.release)) return nothing("event-not-relevant", "No downstream pin is raised for this release.");
  const given = facts.downstream;
  const missing = config.downstream.map((entry) => `${entry.repo.owner}/${entry.repo.repo}`).filter((name) => given?.[name] === undefined);
  if (given === undefined || missing.length > 0) {
    return `the pins live in other repositories; give each file as \`downstream\` in --facts (missing: ${missing.join(", ")})`;
  }
  const files = config.downstream.map((entry): DownstreamFile => {
    const name = `${entry.repo.owner}/${entry.repo.repo}`;
    const found = given[name];
    const base = entry.branch ?? found?.base;
    if (base === undefined && found?.reachable !== false) input.assumed.add(`downstream.${name}.base: main (its default branch)`);
    return {
      repo: entry.repo,
      file: entry.file,
      package: entry.package,
      base: found?.reachable === false ? undefined : (base ?? "main"),
      content: found?.content,
      reachable: found?.reachable ?? true,
    };
  });
  return planDownstreamPins(downstreamFacts(config, input.repo, payload.release, files, releasedCommit(input)));
}

function closeChecklist(input: Release): Plan {
  const { release } = input.payload;
  const of = releaseClosesChecklist(input.config, release);
  if (of === undefined) return nothing("event-not-relevant", "This release closes no checklist.");
  const issue = checklistOf(checklistIssues(input, "open"), of);
  if (issue === undefined) return nothing("event-not-relevant", `No open checklist for ${of.app} ${of.version}.`);
  return planCloseChecklist({
    repo: input.repo,
    issue: { number: issue.number, state: issue.state },
    release: { tag: release.tag_name, url: release.html_url, name: release.name ?? release.tag_name },
  });
}

function openChecklistFor(kind: "prerelease" | "draft-release") {
  return (input: Release): Plan => {
    const { release } = input.payload;
    if (kind === "draft-release" && !release.draft) return nothing("event-not-relevant", "Only a draft release opens a checklist on release.created.");
    const decided = releaseChecklist(input.config, release.tag_name, kind);
    if (decided.kind === "skip") return nothing("event-not-relevant", `Checklists are not opened on a ${kind}.`);
    if (decided.kind === "no-app") return nothing("event-not-relevant", `The tag ${decided.tag} belongs to no configured app; no checklist opened.`);
    return planChecklistOpening(input, decided);
  };
}

export function planRelease(input: Release): PlannedPart[] | string {
  switch (input.payload.action) {
    case "published":
      return planFeatures(input, releasePublishedFeatures, {
        changelogForRelease: single("changelogForRelease", changelogForRelease),
        deployFollowingRelease,
        downstreamPins: single("downstreamPins", downstreamPins),
        closeChecklist: single("closeChecklist", closeChecklist),
        refreshDashboard: planDashboard,
      });
    case "prereleased":
      return planFeatures(input, releasePrereleasedFeatures, {
        openChecklistOnPrerelease: single("openChecklistOnPrerelease", openChecklistFor("prerelease")),
      });
    case "created":
      return planFeatures(input, releaseCreatedFeatures, {
        openChecklistOnDraftRelease: single("openChecklistOnDraftRelease", openChecklistFor("draft-release")),
      });
    default:
      return `release.${input.payload.action} sets nothing off; the bot acts on release.published, prereleased and created.`;
  }
}
