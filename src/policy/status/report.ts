// What /status and the dashboard report, decided from what was read: which release is each app's
// last, which merged pull requests are unreleased (and of which app), which open issues are
// checklists and how far along. Pure: the reads come in whole.
import { countProgress, parseChecklistMarker } from "../checklist/index.js";
import type { Config } from "../config/index.js";
import type { Lock } from "../deploy/lock.js";
import { appOfTag } from "../release/which-app.js";
import type { AppStatus, ChecklistStatus, DeployedVersion, StatusFacts } from "./facts.js";

/** What the status reads gathered; the shapes of src/facts/status.ts, kept here so policy imports no port. */
export interface StatusReads {
  readonly repo: string;
  readonly now: string;
  /** The app asked about (`/status api`); every app when absent. */
  readonly app?: string;
  readonly environments: readonly {
    readonly name: string;
    readonly deployed: Readonly<Record<string, DeployedVersion>>;
    readonly failed: Readonly<Record<string, DeployedVersion>>;
    readonly lock: Lock | undefined;
  }[];
  readonly releases: readonly { readonly tag: string; readonly url: string; readonly draft: boolean; readonly publishedAt: string | null }[];
  readonly pulls: {
    readonly pulls: readonly {
      readonly number: number;
      readonly title: string;
      readonly url: string;
      readonly labels: readonly string[];
      readonly mergedAt: string | null;
    }[];
    readonly full: boolean;
  };
  /** Open issues with the checklist labels; undefined when the config has no checklist. */
  readonly checklistIssues: readonly { readonly number: number; readonly title: string; readonly url: string; readonly body: string }[] | undefined;
}

/** The environments a status covers (those with an app asked about), with the apps of each. */
export function statusEnvironments(config: Config, app: string | undefined): { readonly name: string; readonly apps: readonly string[] }[] {
  return config.environments.flatMap((env) => {
    const apps = env.apps.filter((name) => app === undefined || name === app);
    return apps.length === 0 ? [] : [{ name: env.name, apps }];
  });
}

function appStatuses(config: Config, reads: StatusReads): AppStatus[] {
  const multiApp = config.apps.length > 1;
  const merged = reads.pulls.pulls.filter((pull) => pull.mergedAt !== null);
  return config.apps
    .filter((candidate) => reads.app === undefined || candidate.name === reads.app)
    .map((app) => {
      // The app's newest published release, found by its tag template (monorepo apps share the list).
      const release = reads.releases
        .filter((r) => !r.draft && r.publishedAt !== null && appOfTag(r.tag, config.apps)?.app === app.name)
        .sort((a, b) => Date.parse(b.publishedAt ?? "") - Date.parse(a.publishedAt ?? ""))[0];
      const since = release?.publishedAt === undefined || release.publishedAt === null ? 0 : Date.parse(release.publishedAt);
      // In a monorepo a PR belongs to an app by its labels; a single app owns every PR.
      const mine = merged.filter((pull) => !multiApp || app.labels.length === 0 || pull.labels.some((label) => app.labels.includes(label)));
      const unreleased = mine.filter((pull) => Date.parse(pull.mergedAt ?? "") > since);
      const count = unreleased.length;
      return {
        unreleased: unreleased.map((pull) => ({ number: pull.number, title: pull.title, url: pull.url })),
        name: app.name,
        lastRelease:
          release === undefined || release.publishedAt === null ? undefined : { tag: release.tag, publishedAt: release.publishedAt, url: release.url },
        mergedSince: count,
        capped: reads.pulls.full && count === mine.length,
      };
    });
}

function checklists(reads: StatusReads): ChecklistStatus[] | undefined {
  return reads.checklistIssues?.flatMap((issue) => {
    const marker = parseChecklistMarker(issue.body);
    if (marker === undefined) return [];
    if (reads.app !== undefined && marker.app !== undefined && marker.app !== reads.app) return [];
    const progress = countProgress(issue.body);
    return [{ number: issue.number, title: issue.title, url: issue.url, done: progress.done, total: progress.total }];
  });
}

export function statusReport(config: Config, reads: StatusReads): StatusFacts {
  const byName = new Map(config.environments.map((env) => [env.name, env]));
  return {
    repo: reads.repo,
    now: reads.now,
    ...(reads.app === undefined ? {} : { app: reads.app }),
    multiApp: config.apps.length > 1,
    environments: statusEnvironments(config, reads.app).map(({ name, apps }) => {
      const read = reads.environments.find((env) => env.name === name);
      const env = byName.get(name);
      return {
        name,
        url: env?.url ?? null,
        apps: apps.map((app) => {
          const failed = read?.failed[app];
          return { app, deployed: read?.deployed[app], ...(failed === undefined ? {} : { failed }) };
        }),
        lock: read?.lock,
        requires: env?.requires ?? [],
      };
    }),
    apps: appStatuses(config, reads),
    checklists: checklists(reads),
  };
}
