// ReleaseFacts answered from the facts file, as the GitHub reads would answer them
// (src/facts/github/release-reads.ts and the others it composes); each default leaned on is said
// in `assumed`, and a read no default can stand in for names what to give instead.
import type { DownstreamFile } from "../../policy/release/downstream.js";
import type { ReleaseFacts } from "../release.js";
import { commitOf } from "./core.js";
import { NotPlannableOfflineError } from "./not-given.js";
import type { JsonWorld } from "./world.js";

function downstreamFilesOf(world: JsonWorld, entries: Parameters<ReleaseFacts["downstreamFiles"]>[0]): readonly DownstreamFile[] {
  const given = world.facts.downstream;
  const missing = entries.map((entry) => `${entry.repo.owner}/${entry.repo.repo}`).filter((name) => given?.[name] === undefined);
  if (given === undefined || missing.length > 0) {
    throw new NotPlannableOfflineError(`the pins live in other repositories; give each file as \`downstream\` in --facts (missing: ${missing.join(", ")})`);
  }
  return entries.map((entry): DownstreamFile => {
    const name = `${entry.repo.owner}/${entry.repo.repo}`;
    const found = given[name];
    const base = entry.branch ?? found?.base;
    if (base === undefined && found?.reachable !== false) world.assumed.add(`downstream.${name}.base: main (its default branch)`);
    return {
      repo: entry.repo,
      file: entry.file,
      package: entry.package,
      base: found?.reachable === false ? undefined : (base ?? "main"),
      content: found?.content,
      reachable: found?.reachable ?? true,
    };
  });
}

export function releaseFromJson(world: JsonWorld): ReleaseFacts {
  const { facts, assumed } = world;
  return {
    releasedCommit: async ({ tag, targetCommitish }) => {
      const given = facts.sha ?? facts.refs?.[tag];
      if (given !== undefined) return given;
      assumed.add(`sha: the tag ${tag} names ${targetCommitish} (the release's target_commitish)`);
      return targetCommitish;
    },
    tagNames: async () => {
      if (facts.tags === undefined) assumed.add("tags: none");
      return facts.tags ?? [];
    },
    latestReleases: async () => {
      if (facts.releases === undefined) assumed.add("releases: none");
      return (facts.releases ?? []).map((r) => ({
        id: r.id,
        tag: r.tag,
        name: r.name ?? r.tag,
        ...(r.url === undefined ? {} : { url: r.url }),
        body: r.body,
        draft: r.draft,
        prerelease: r.prerelease,
        publishedAt: r.publishedAt,
      }));
    },
    releaseFiles: async (paths, { branch }) => {
      const missing = paths.filter((path) => facts.files?.[path] === undefined);
      if (missing.length > 0) {
        throw new NotPlannableOfflineError(
          `/release edits ${missing.join(", ")} at the head of ${branch}; give ${missing.length === 1 ? "it" : "them"} in \`files\` in --facts`,
        );
      }
      return Object.fromEntries(paths.map((path) => [path, facts.files?.[path]]));
    },
    // The fragments are the `files` under the directory, as the contents API lists them: only
    // its direct children. None given is an empty directory, and the plan says it assumed so.
    fragmentFiles: async (directory) => {
      const prefix = `${directory.replace(/\/+$/, "")}/`;
      const found = Object.entries(facts.files ?? {}).filter(([path]) => path.startsWith(prefix) && !path.slice(prefix.length).includes("/"));
      if (found.length === 0) assumed.add(`files: no fragment under ${prefix} given, so there are none`);
      return Object.fromEntries(found.map(([path, content]) => [path.slice(prefix.length), content]));
    },
    checklistTemplate: async (path) => {
      if (facts.template === undefined) assumed.add(`template: ${path} not given, so the built-in checklist is used`);
      return facts.template;
    },
    checklistIssues: async (_labels, state) => {
      if (facts.checklists === undefined) {
        assumed.add("checklists: no issue carries the checklist labels");
        return [];
      }
      return facts.checklists.filter((issue) => state === "all" || issue.state === "open");
    },
    announcedReady: async (issueNumber) => {
      if (facts.alreadyAnnouncedReady === undefined) assumed.add(`alreadyAnnouncedReady: the bot has not yet said #${issueNumber} is ready`);
      return facts.alreadyAnnouncedReady ?? false;
    },
    headAutoFacts: async (asked) => {
      if (!asked.ci && !asked.changelog && !asked.staging) return undefined;
      if (facts.auto === undefined) assumed.add("auto: what the default branch's head shows is unknown, so no auto item is ticked");
      return facts.auto;
    },
    downstreamFiles: async (entries) => downstreamFilesOf(world, entries),
    comparedFiles: async () => {
      assumed.add("changed files: unknown (the payload's commit list may be cut short)");
      return "unknown";
    },
    closedPulls: async (_base, _since, max) => {
      if (facts.releases === undefined || facts.pulls === undefined) {
        throw new NotPlannableOfflineError(
          "the notes are built from the repository's releases and merged pull requests; give both as `releases` and `pulls` in --facts",
        );
      }
      return { pulls: facts.pulls.slice(0, max), truncated: facts.pulls.length > max };
    },
    branchProtection: async (branch) => {
      const given = facts.protection;
      if (given === undefined) {
        assumed.add(`protection: ${branch} is not protected and no ruleset covers it`);
        return { protected: false, requiredChecks: [], rules: [] };
      }
      return given.details === undefined ? { protected: given.protected, requiredChecks: given.requiredChecks, rules: given.rules } : given;
    },
    forwardPortCompare: async (branch, defaultBranch) => {
      const compared = facts.forwardPort;
      if (compared === undefined) assumed.add(`forwardPort: ${branch} has no commit ${defaultBranch} lacks, and no forward-port PR is open`);
      const ahead = compared?.ahead ?? [];
      return { ahead, aheadBy: compared?.aheadBy ?? ahead.length, openPull: compared?.openPull ?? null };
    },
  };
}
