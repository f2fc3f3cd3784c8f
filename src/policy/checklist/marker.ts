// The hidden marker that ties a checklist issue to one version of one app. State lives on
// GitHub, so this marker is how any replica finds "the checklist for 2.6.0" again. Parsing is
// tolerant of spacing and attribute order (people copy issues by hand) but strict about values,
// since a version read from here is later cut as a release.

export interface ChecklistMarker {
  readonly version: string;
  /** Absent in markers written by hand in the short form `<!-- release-pilot:checklist v=X.Y.Z -->`. */
  readonly app?: string;
}

/** Dotted numbers, 2 to 6 parts (`2.6.0`, `0.8.5.1`, calver `2024.05.01`); no prerelease. */
export const CHECKLIST_VERSION_PATTERN = /^\d{1,9}(?:\.\d{1,9}){1,5}$/;
/** App names become part of keys, branch names and markers: keep them plain. */
export const APP_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

const MARKER = /<!--\s*release-pilot:checklist\b([^>]*?)-->/g;
const ATTRIBUTE = /([A-Za-z]+)\s*=\s*("[^"]*"|'[^']*'|[^\s"']+)/g;

export function buildChecklistMarker(marker: ChecklistMarker): string {
  if (!CHECKLIST_VERSION_PATTERN.test(marker.version)) {
    throw new RangeError(`not a checklist version: ${JSON.stringify(marker.version)}`);
  }
  if (marker.app !== undefined && !APP_NAME_PATTERN.test(marker.app)) {
    throw new RangeError(`not an app name: ${JSON.stringify(marker.app)}`);
  }
  const app = marker.app === undefined ? "" : ` app=${marker.app}`;
  return `<!-- release-pilot:checklist v=${marker.version}${app} -->`;
}

/** The first valid checklist marker in `body`; invalid ones are skipped, not half-read. */
export function parseChecklistMarker(body: string): ChecklistMarker | undefined {
  for (const match of body.matchAll(MARKER)) {
    const parsed = parseAttributes(match[1] ?? "");
    if (parsed !== undefined) return parsed;
  }
  return undefined;
}

function parseAttributes(text: string): ChecklistMarker | undefined {
  const values = new Map<string, string>();
  for (const attribute of text.matchAll(ATTRIBUTE)) {
    const name = attribute[1]?.toLowerCase();
    const raw = attribute[2];
    if (name === undefined || raw === undefined) continue;
    // A repeated attribute is ambiguous, so the marker is not trusted at all.
    if (values.has(name)) return undefined;
    values.set(name, raw.replace(/^["']|["']$/g, ""));
  }
  const version = values.get("v") ?? values.get("version");
  const app = values.get("app");
  if (version === undefined || !CHECKLIST_VERSION_PATTERN.test(version)) return undefined;
  if (app === undefined) return { version };
  return APP_NAME_PATTERN.test(app) ? { version, app } : undefined;
}

/** Whether an issue's marker names this version of this app (a marker without app matches any). */
export function markerMatches(marker: ChecklistMarker | undefined, version: string, app: string): boolean {
  return marker !== undefined && marker.version === version && (marker.app === undefined || marker.app === app);
}
