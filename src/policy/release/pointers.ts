// Pointers (`pointers: { stable: tag, latest: branch }`): refs that follow the newest final
// release with no deploy behind them. They move forward only: a candidate, a draft, or a patch of
// an older line published after a newer one moves none.
import type { Config } from "../config/index.js";
import { nothing, plan, type Plan, type RepoRef } from "../plan.js";
import { isHighestRelease } from "./line.js";
import { schemeOf } from "./cut-version.js";
import { appOfTag } from "./which-app.js";

function names(config: Config): string {
  return config.lines.pointers.map((pointer) => pointer.name).join(", ");
}

type Release = { readonly tag_name: string; readonly draft: boolean; readonly prerelease: boolean };

/** Whether a published release may move pointers, from the payload alone (most cost no call). */
export function releaseMovesPointers(config: Config, release: Release): Plan | undefined {
  if (config.lines.pointers.length === 0) return nothing("not-configured", "No pointers are configured.");
  if (release.draft || release.prerelease) return nothing("event-not-relevant", `${release.tag_name} is not a final release; pointers stay where they are.`);
  if (appOfTag(release.tag_name, config.apps) === undefined) {
    return nothing("event-not-relevant", `${release.tag_name} is not a release tag of any app; pointers stay.`);
  }
  return undefined;
}

export function planPointers(input: {
  readonly repo: RepoRef;
  readonly config: Config;
  readonly release: Release;
  readonly tags: readonly string[];
  readonly commit: string | undefined;
}): Plan {
  const { config, release } = input;
  const skip = releaseMovesPointers(config, release);
  if (skip !== undefined) return skip;
  const of = appOfTag(release.tag_name, config.apps);
  const app = config.apps.find((candidate) => candidate.name === of?.app);
  if (of === undefined || app === undefined) return nothing("event-not-relevant", `${release.tag_name} is not a release tag of any app; pointers stay.`);
  const { commit } = input;
  if (commit === undefined) return nothing("event-not-relevant", `The tag ${release.tag_name} names no commit (deleted since?); pointers stay.`);
  if (!isHighestRelease(input.tags, app, schemeOf(config), of.version)) {
    return nothing("gate-refused", `${release.tag_name} is not the newest release (a patch of an older line), so ${names(config)} stay where they are.`);
  }
  return plan(
    `Move ${names(config)} to ${release.tag_name}.`,
    config.lines.pointers.map((pointer) => ({
      kind: "move-tag" as const,
      key: `pointer:${pointer.name}:${commit}`,
      repo: input.repo,
      tag: pointer.name,
      commit,
      ...(pointer.kind === "branch" ? { ref: "branch" as const } : {}),
    })),
  );
}
