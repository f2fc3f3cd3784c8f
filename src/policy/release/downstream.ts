// After a final release, each downstream repository gets a pull request raising its pin (UKRDC:
// ukrdc-webapi's `ukrdc-services==10.8.4` becomes `==10.8.5` on its release branch). One PR per
// repository, package and version, found again by its branch, so a redelivery opens nothing.
import type { RepoName } from "../config/index.js";
import { nothing, plan, type Action, type Plan, type RepoRef } from "../plan.js";
import { raisePin } from "../version-files/index.js";
import { appOfTag, type AppTagSettings } from "./which-app.js";

export interface DownstreamFile {
  readonly repo: RepoName;
  readonly file: string;
  readonly package: string;
  /** The branch the pin lives on: the configured one, else the repository's default branch. */
  readonly base: string | undefined;
  /** The file on `base`; undefined when it is not there. */
  readonly content: string | undefined;
  /** False when the app is not installed there (or GitHub answered 404 for the repository). */
  readonly reachable: boolean;
}

export interface DownstreamFacts {
  readonly repo: RepoRef;
  readonly release: { readonly tag: string; readonly url: string; readonly draft: boolean; readonly prerelease: boolean };
  readonly apps: readonly AppTagSettings[];
  readonly downstream: readonly DownstreamFile[];
  /** The released commit, where a failure is reported as a check run. */
  readonly sha: string | undefined;
}

export function pinBranch(pkg: string, version: string): string {
  return `release-pilot/pin-${pkg}-${version}`;
}

function name(repo: RepoName): string {
  return `${repo.owner}/${repo.repo}`;
}

type Step = { readonly action: Action } | { readonly problem: string } | { readonly skip: true };

function raise(facts: DownstreamFacts, target: DownstreamFile, version: string): Step {
  const where = `${target.file} in ${name(target.repo)}`;
  if (!target.reachable || target.base === undefined) {
    return {
      problem: `Release Pilot is not installed on ${name(target.repo)}, so it cannot raise the ${target.package} pin there: install the app on ${name(target.repo)}.`,
    };
  }
  if (target.content === undefined) return { problem: `${where} is not on ${target.base}, so the ${target.package} pin was not raised.` };
  const raised = raisePin(target.content, target.file, { package: target.package, version });
  if (typeof raised !== "string") return { problem: `${where}: ${raised.error}` };
  if (raised === target.content) return { skip: true };
  const title = `Raise ${target.package} to ${version}`;
  return {
    action: {
      kind: "open-pull-request",
      key: `pin:${name(target.repo)}:${target.package}:${version}`,
      repo: target.repo,
      branch: pinBranch(target.package, version),
      base: target.base,
      title,
      body: `${target.package} [${version}](${facts.release.url}) is released; this raises the pin in \`${target.file}\`.`,
      commitMessage: title,
      files: [{ path: target.file, content: raised }],
      labels: [],
    },
  };
}

export function planDownstreamPins(facts: DownstreamFacts): Plan {
  const { release } = facts;
  if (facts.downstream.length === 0) return nothing("not-configured", "No downstream repositories are configured.");
  if (release.draft || release.prerelease) return nothing("event-not-relevant", `${release.tag} is not a final release; downstream pins wait for one.`);
  const owner = appOfTag(release.tag, facts.apps);
  if (owner === undefined) return nothing("event-not-relevant", `Tag ${release.tag} matches no app's tag template.`);
  const actions: Action[] = [];
  const problems: string[] = [];
  for (const target of facts.downstream) {
    const step = raise(facts, target, owner.version);
    if ("action" in step) actions.push(step.action);
    if ("problem" in step) problems.push(step.problem);
  }
  // A pin that cannot be raised is reported on the released commit, where the releaser looks.
  if (problems.length > 0 && facts.sha !== undefined) {
    actions.push({
      kind: "check-run",
      key: `pins:${release.tag}`,
      repo: facts.repo,
      headSha: facts.sha,
      name: "Release Pilot: downstream pins",
      conclusion: "failure",
      title: `${problems.length} downstream pin${problems.length === 1 ? "" : "s"} not raised for ${owner.version}`,
      summary: problems.map((p) => `- ${p}`).join("\n"),
      annotations: [],
    });
  }
  const summary = `Raise downstream pins to ${owner.version}: ${actions.filter((a) => a.kind === "open-pull-request").length} pull request(s), ${problems.length} problem(s).`;
  return actions.length === 0 ? nothing("already-done", `Every downstream pin already names ${owner.version}.`) : plan(summary, actions);
}
