import { matchTemplate } from "../template.js";

export interface AppTagSettings {
  readonly name: string;
  /** The app's git tag template, e.g. `api-{date:YYYY.MM.DD.HH.mm.ss}` or `v{version}`. */
  readonly tag: string;
}

export interface ReleaseOfApp {
  readonly app: string;
  /** The version the tag names: `{version}` when the template has it, else its `{date:...}`. */
  readonly version: string;
}

/**
 * Which app a release tag belongs to, by each app's tag template, not by "latest": in a
 * monorepo `api-2024.01.01.19.52.14` and `frontend-2024.01.02.08.00.00` are separate streams.
 */
export function appOfTag(tag: string, apps: readonly AppTagSettings[]): ReleaseOfApp | undefined {
  for (const app of apps) {
    const groups = matchTemplate(app.tag, tag, { app: app.name });
    const version = groups?.["version"] ?? groups?.["date"];
    if (version !== undefined) return { app: app.name, version };
  }
  return undefined;
}
