// What the runtime e2e suites share: apps started with a secret and key the test knows (to
// sign webhooks and to look for them in the logs), a view of the SQLite job store, and the
// Openverse changelog scenario they all build on.
import { randomUUID } from "node:crypto";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { expect } from "vitest";
import type { Emulator } from "../../emulator/index.js";
import { examplePayload } from "../../e2e/fixtures/payloads.js";
import { generatePrivateKey, startApp, type AppProcess, type SendOptions, type SendResult } from "../../e2e/harness.js";
import { workflowsFor } from "../../emulator/workflow-files.js";

export interface RuntimeApp extends AppProcess {
  readonly dataDir: string;
  /** Signed with the app's secret, as GitHub would. */
  deliver(eventName: string, payload: unknown, options?: SendOptions): Promise<SendResult>;
}

export interface Secrets {
  readonly webhookSecret: string;
  readonly privateKey: string;
}

export function makeSecrets(): Secrets {
  return { webhookSecret: `whsec-${randomUUID()}`, privateKey: generatePrivateKey() };
}

export function tempDataDir(): string {
  return mkdtempSync(join(tmpdir(), "rp-runtime-e2e-"));
}

/** Retries a few ms apart, so a fault costs the tests little time. */
export const FAST_RETRIES = { RETRY_BASE_MS: "50", RETRY_CAP_MS: "500" } as const;

export async function startRuntimeApp(
  gh: Emulator,
  secrets: Secrets,
  options: { dataDir?: string; env?: Readonly<Record<string, string>> } = {},
): Promise<RuntimeApp> {
  const dataDir = options.dataDir ?? tempDataDir();
  const app = await startApp({
    emulator: gh,
    env: { ...FAST_RETRIES, ...options.env, DATA_DIR: dataDir, WEBHOOK_SECRET: secrets.webhookSecret, PRIVATE_KEY: secrets.privateKey },
  });
  return Object.assign(app, {
    dataDir,
    deliver: (eventName: string, payload: unknown, sendOptions: SendOptions = {}) =>
      app.send(eventName, payload, { secret: secrets.webhookSecret, ...sendOptions }),
  });
}

export interface StoredJob {
  readonly id: string;
  readonly name: string;
  readonly state: string;
  readonly attempts: number;
}

/** The SQLite job store as it is on disk (read-only; the app keeps writing). */
export function storedJobs(dataDir: string): StoredJob[] {
  const file = join(dataDir, "jobs.sqlite");
  if (!existsSync(file)) return [];
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    return db.prepare<[], StoredJob>("SELECT id, name, state, attempts FROM jobs ORDER BY seq").all();
  } finally {
    db.close();
  }
}

/**
 * No log line of any app names the private key, the webhook secret or an installation token
 * the emulator handed out. The key is checked by its PEM body lines, so a key logged without
 * its header (or re-wrapped into JSON with `\n`) is still caught.
 */
export function expectNoSecretsInLogs(apps: readonly AppProcess[], gh: Emulator, secrets: Secrets): void {
  const lines = apps.flatMap((app) => app.logs);
  expect(lines.length).toBeGreaterThan(0);
  const keyLines = secrets.privateKey.split("\n").filter((line) => line.length >= 40 && !line.startsWith("-----"));
  const tokens = [...gh.state.tokens.keys()];
  expect(tokens.length).toBeGreaterThan(0);
  const needles = [secrets.webhookSecret, ...keyLines, ...tokens];
  const leaks = lines.filter((line) => needles.some((needle) => line.includes(needle)) || line.includes("PRIVATE KEY"));
  expect(leaks).toEqual([]);
}

// ---- The Openverse changelog scenario (as in test/e2e/openverse-changelog.test.ts) ----

export const OPENVERSE_CONFIG = `versioning: { scheme: calver, calver: YYYY.MM.DD.HH.mm.ss }
apps:
  api: { tag: "api-{version}", labels: ["🧱 stack: api"], paths: ["api/**"] }
  frontend: { tag: "frontend-{version}", labels: ["🧱 stack: frontend"], paths: ["frontend/**"] }
changelog:
  path: "documentation/changelogs/{app}/{version}.md"
  labels: [skip-changelog]
`;

export const OPENVERSE_BODY =
  "## New Features\n\n- Add a script to observe the API during Redis migration\n  ([#3575](https://github.com/WordPress/openverse/pull/3575)) by @dhruvkb\n";

export function seedOpenverse(gh: Emulator, owner: string, repo: string): void {
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": OPENVERSE_CONFIG, ...workflowsFor(OPENVERSE_CONFIG), "api/manage.py": "" } });
}

/** The tag of the n-th release of a run: one second apart, so each has its own changelog PR. */
export function apiTag(n: number): string {
  return `api-2024.01.01.19.52.${String(10 + n).padStart(2, "0")}`;
}

/** Adds the release to the emulator and returns the `release.published` payload for it. */
export function publishRelease(gh: Emulator, owner: string, repo: string, tag: string): Record<string, unknown> {
  const releaseId = gh.addRelease({ owner, repo, tag, name: tag, body: OPENVERSE_BODY });
  return examplePayload("release", "published", {
    owner,
    repo,
    installationId: 1,
    overrides: {
      release: { id: releaseId, tag_name: tag, name: tag, body: OPENVERSE_BODY, draft: false, prerelease: false },
      repository: { default_branch: "main" },
    },
  });
}

/** Changelog PRs per tag, counting only finished ones (labels come last). */
export function changelogPulls(gh: Emulator, owner: string, repo: string, tags: readonly string[]): Map<string, number> {
  const pulls = gh.pulls(owner, repo);
  return new Map(tags.map((tag) => [tag, pulls.filter((p) => p.title === `Publish changelog for ${tag}` && p.labels.includes("skip-changelog")).length]));
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
