// A release must be newer than every release of its line, or the cut rewrites history: after
// v2.5.2, `/release 2.5.2rc1` would rename the published 2.5.2 section and tag it, and
// `/release 2.4.5` would rename the unreleased section to an older version. Releases are cut on
// the default branch, so the line is every tag of the app's tag pattern; the same rule holds for
// a checklist (`/checklist 2.5.2` after v2.5.2 opens work for a version already shipped).
import { versionForTrigger } from "../checklist/index.js";
import type { AppConfig, Config } from "../config/index.js";
import { tryRender } from "../template.js";
import { isVersionError, type Bump, type Version, type VersionScheme } from "../versions/index.js";
import { schemeOf, taggedVersionsOf } from "./cut-version.js";

export interface NewestRelease {
  readonly version: Version;
  /** The tag of that release, as the app's pattern spells it. */
  readonly tag: string;
}

/** The newest release of the app's line, from the repository's tags. */
export function newestRelease(tags: readonly string[], app: AppConfig, scheme: VersionScheme): NewestRelease | undefined {
  const newest = taggedVersionsOf(tags, app, scheme)[0];
  if (newest === undefined) return undefined;
  const rendered = tryRender(app.tag, { version: scheme.format(newest), app: app.name });
  return { version: newest, tag: rendered.ok ? rendered.value : newest.raw };
}

/** The bumps suggested in a refusal: alpha and beta would only lengthen the sentence. */
const SUGGESTED: readonly Bump[] = ["major", "minor", "patch", "rc", "final"];

/** The versions a bump of the newest gives, oldest first, each above it. */
export function nextValidVersions(newest: Version, scheme: VersionScheme, now: string): readonly string[] {
  const found: Version[] = [];
  for (const bump of SUGGESTED) {
    const next = scheme.next(newest, bump, { now: new Date(now) });
    if (isVersionError(next) || scheme.compare(next, newest) <= 0) continue;
    if (!found.some((v) => scheme.compare(v, next) === 0)) found.push(next);
  }
  return found.sort((a, b) => scheme.compare(a, b)).map((v) => scheme.format(v));
}

function list(items: readonly string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1) ?? ""}`;
}

/**
 * The sentence refusing `version` when it is not above the newest release of the app's line, or
 * undefined when it is (or when there is no release yet, or the version is not of the scheme:
 * the caller says that itself). `command` is how a person asks for the next one.
 */
export function notAboveNewest(input: {
  readonly version: string;
  readonly tags: readonly string[];
  readonly app: AppConfig;
  readonly scheme: VersionScheme;
  readonly now: string;
  readonly command: "release" | "checklist";
  /** Whether to name the app in the suggested command (a repository with several apps). */
  readonly nameApp: boolean;
}): string | undefined {
  const { scheme, app } = input;
  const wanted = scheme.parse(input.version);
  const newest = newestRelease(input.tags, app, scheme);
  if (wanted === undefined || newest === undefined || scheme.compare(wanted, newest.version) > 0) return undefined;
  // A checklist is always for a final release, so only finals are suggested for one.
  const next = nextValidVersions(newest.version, scheme, input.now).filter((v) => input.command === "release" || scheme.parse(v)?.pre === undefined);
  const shown = scheme.format(newest.version);
  const refusal = input.command === "release" ? "cut it" : "open a checklist for it";
  const head =
    scheme.compare(wanted, newest.version) === 0
      ? `The tag ${newest.tag} is already taken by ${shown}, the newest release of ${app.name}, so I will not ${refusal}`
      : `${scheme.format(wanted)} is older than ${shown}, the newest release of ${app.name} (tag ${newest.tag}), so I will not ${refusal}`;
  if (next.length === 0) return `${head}; name a version after ${shown}.`;
  const example = `/${input.command} ${next[0] ?? ""}${input.nameApp ? ` ${app.name}` : ""}`;
  return `${head}; name a newer version: ${list(next)} (for example ${example}).`;
}

/** `/checklist X.Y.Z [app]`: the refusal when X.Y.Z is not above the app's newest release. */
export function checklistVersionRefusal(input: {
  readonly config: Config;
  readonly app: string;
  readonly version: string;
  readonly tags: readonly string[];
  readonly now: string;
}): string | undefined {
  const app = input.config.apps.find((a) => a.name === input.app);
  if (app === undefined) return undefined;
  // The version the checklist is for (`2.6` is `2.6.0`, a candidate's checklist is its final).
  const version = versionForTrigger({ kind: "command", version: input.version }).version;
  if (version === undefined) return undefined;
  return notAboveNewest({
    version,
    tags: input.tags,
    app,
    scheme: schemeOf(input.config),
    now: input.now,
    command: "checklist",
    nameApp: input.config.apps.length > 1,
  });
}
