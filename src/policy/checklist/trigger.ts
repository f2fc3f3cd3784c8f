// Which version a checklist is for, read from what opened it. A checklist is always for a final
// release: a candidate's tag (`v2.6.0rc1`) opens the checklist of `2.6.0`, which is where
// GWCelery's release issue lives while candidates are tried on it.

import { CHECKLIST_VERSION_PATTERN } from "./marker.js";
import type { ChecklistTrigger } from "./settings.js";

export type TriggerVersion = { readonly version: string } | { readonly version?: undefined; readonly reason: string };

const CORE = String.raw`(\d{1,9}(?:\.\d{1,9}){1,5})`;
/** Pre-release suffixes of PEP 440 (`rc1`, `.dev2`), semver (`-rc.1`) and UKRDC (`.RC1`). */
const CANDIDATE = String.raw`(?:[-._]?(?:a|b|c|rc|alpha|beta|pre|preview|dev)(?:[-._]?\d+)?)`;
/** An optional app prefix (`api-`, `gwcelery/`) then an optional `v`. */
const TAG = new RegExp(String.raw`^(?:[A-Za-z0-9][A-Za-z0-9._/-]*?[-_/@])?[vV]?${CORE}${CANDIDATE}?$`, "i");
const SERIES = new RegExp(String.raw`^[vV]?${CORE}$`);
const RELEASE_BRANCH = new RegExp(String.raw`^(?:refs/heads/)?release/[vV]?${CORE}$`);

export function versionForTrigger(trigger: ChecklistTrigger): TriggerVersion {
  switch (trigger.kind) {
    case "release-branch": {
      // The configured template's {version} (any shape: 8.3.x, release-1.4); else GWCelery's form.
      if (trigger.series !== undefined) {
        const series = SERIES.exec(trigger.series);
        return series?.[1] === undefined ? { reason: `branch ${show(trigger.branch)} names no version series such as 2.6` } : final(series[1]);
      }
      const match = RELEASE_BRANCH.exec(trigger.branch.trim());
      return match?.[1] === undefined ? { reason: `branch ${show(trigger.branch)} is not a release branch such as release/v2.6` } : final(match[1]);
    }
    case "prerelease":
    case "draft-release":
      return fromTag(trigger.tag, "tag");
    case "command":
      return fromTag(trigger.version, "version");
  }
}

function fromTag(tag: string, what: string): TriggerVersion {
  // Commands come from comments: no real tag is this long, and the regex need not see it.
  const match = tag.length > 200 ? null : TAG.exec(tag.trim());
  return match?.[1] === undefined ? { reason: `${what} ${show(tag)} does not name a version such as 2.6.0 or v2.6.0rc1` } : final(match[1]);
}

/** `2.6` is the minor series, so its checklist is for `2.6.0`; longer versions stay as they are. */
function final(core: string): TriggerVersion {
  const version = core.split(".").length === 2 ? `${core}.0` : core;
  return CHECKLIST_VERSION_PATTERN.test(version) ? { version } : { reason: `${show(core)} is not a version` };
}

function show(text: string): string {
  const line = text.replace(/\s+/g, " ");
  return JSON.stringify(line.length > 60 ? `${line.slice(0, 57)}...` : line);
}
