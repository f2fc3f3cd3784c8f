// Every handler survives every @octokit/webhooks-examples payload of every event the app
// subscribes to (app.yml), and the same payloads with each of their fields removed, one at a
// time, down to two levels (GitHub's older payloads lack fields: workflow_run.path, for one).
// The real app runs in-process against the emulator, so every GitHub read is answered. A handler
// may stop because GitHub refused a call (an HTTP error, retried or reported by the worker); it
// may not crash on the payload (a TypeError, a RangeError, ...). A body that is not an object
// never gets this far: the webhook route refuses it (test/runtime/intake.test.ts).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Probot } from "probot";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { Emulator } from "../emulator/index.js";
import { startInProcess } from "./deploy/in-process.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const require = createRequire(import.meta.url);
const examples = require("@octokit/webhooks-examples/api.github.com/index.json") as { name: string; examples: Record<string, unknown>[] }[];
const subscribed = (parse(readFileSync(new URL("../../app.yml", import.meta.url), "utf8")) as { default_events: string[] }).default_events;

// One config that switches on every feature an event can reach.
const CONFIG = `
versioning: { scheme: semver }
notes: { draft: true }
changelog: { file: CHANGES.md }
version_files: [VERSION]
codenames: cryptids
checklist: { template: .github/release.md, open_on: [release-branch, prerelease, draft-release, command] }
dashboard: true
release_branch: "release/v{version}"
backports: {}
pointers: { latest: branch }
environments:
  staging:
    follows: { branch: master }
    checks: [tests]
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}" } }
    verify: { url: "https://staging.example.org/version", expect: "{sha}" }
  production:
    follows: { release: published }
    requires: [staging]
    approvals: 1
    pointer_tag: production
    deploy: { workflow: deploy.yml, inputs: { tag: "{tag}" } }
`;

let gh: Emulator;
let probot: Probot;
const installations = new Map<string, number>();

beforeAll(async () => {
  ({ gh, probot } = await startInProcess());
});

afterAll(async () => {
  await gh.close();
});

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The installation of the payload's repository, created in the emulator on first sight. */
function installationFor(payload: Record<string, unknown>): number | undefined {
  const repository = payload["repository"];
  if (!isRecord(repository) || !isRecord(repository["owner"])) return undefined;
  const owner = String(repository["owner"]["login"]);
  const repo = String(repository["name"]);
  const key = `${owner}/${repo}`;
  if (!installations.has(key)) {
    const seeded = gh.createRepo({
      owner,
      repo,
      defaultBranch: "master",
      files: {
        ".github/release-pilot.yml": CONFIG,
        ...workflowsFor(CONFIG),
        "CHANGES.md": "# Changelog\n\n## 1.0.0 (unreleased)\n\n- A change\n",
        VERSION: "1.0.0\n",
        ".github/release.md": "- [ ] Tag\n",
      },
    });
    installations.set(key, seeded.installationId!);
  }
  return installations.get(key);
}

/** The payload without the field at `path`, or undefined when there is no such field. */
function without(payload: Record<string, unknown>, path: readonly string[]): Record<string, unknown> {
  const copy = structuredClone(payload);
  let node: Record<string, unknown> = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string, unknown>;
  delete node[path[path.length - 1] ?? ""];
  return copy;
}

/** The objects the handlers of each event read beyond the repository. */
const READ: Readonly<Record<string, readonly string[]>> = {
  push: ["head_commit", "pusher"],
  release: ["release"],
  issues: ["issue"],
  issue_comment: ["comment", "issue"],
  pull_request: ["pull_request"],
  deployment_status: ["deployment_status", "deployment"],
  workflow_run: ["workflow_run"],
  check_run: ["check_run"],
};

/**
 * Every top-level field but the installation, and every field of the objects the handlers read
 * (`workflow_run.path`, `deployment.payload`, ...).
 */
function fieldPaths(name: string, payload: Record<string, unknown>): string[][] {
  const paths: string[][] = [];
  for (const [key, value] of Object.entries(payload)) {
    if (key === "installation") continue;
    paths.push([key]);
    if (isRecord(value) && (READ[name] ?? []).includes(key)) for (const inner of Object.keys(value)) paths.push([key, inner]);
  }
  return paths;
}

/** The errors a handler threw, unwrapped from Probot's AggregateError and the features' list. */
function thrown(error: unknown): unknown[] {
  if (error instanceof AggregateError) return error.errors.flatMap(thrown);
  const failures = (error as { failures?: { error: unknown }[] } | undefined)?.failures;
  if (Array.isArray(failures)) return failures.flatMap((failure) => thrown(failure.error));
  return [error];
}

/** GitHub answering an HTTP error is a refusal, not a crash on the payload. */
function isGitHubRefusal(error: unknown): boolean {
  return typeof (error as { status?: unknown } | undefined)?.status === "number";
}

let delivery = 0;

async function crashes(name: string, payload: unknown): Promise<string[]> {
  try {
    await probot.receive({ id: `survive-${(delivery += 1)}`, name, payload } as never);
    return [];
  } catch (error) {
    return thrown(error)
      .filter((e) => !isGitHubRefusal(e))
      .map((e) => (e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  }
}

describe("every handler survives every example payload", () => {
  for (const name of subscribed) {
    const event = examples.find((entry) => entry.name === name);
    it(`${name}: every example, and each with one field removed`, async () => {
      expect(event?.examples.length ?? 0).toBeGreaterThan(0);
      const found: string[] = [];
      for (const [index, example] of (event?.examples ?? []).entries()) {
        const id = installationFor(example);
        const payload = id === undefined ? structuredClone(example) : { ...structuredClone(example), installation: { id } };
        const label = `${name}.${String(example["action"] ?? "")} #${index}`;
        for (const problem of await crashes(name, payload)) found.push(`${label}: ${problem}`);
        for (const path of fieldPaths(name, payload)) {
          for (const problem of await crashes(name, without(payload, path))) found.push(`${label} without ${path.join(".")}: ${problem}`);
        }
      }
      expect([...new Set(found)]).toEqual([]);
    }, 120_000);
  }
});
