// The Action as a workflow runs it: the committed bundle (action/index.mjs), started by node with
// the variables the runner sets (GITHUB_EVENT_PATH, GITHUB_TOKEN, GITHUB_API_URL, GITHUB_OUTPUT,
// INPUT_*), against the GitHub emulator. And the bundle is the source's: rebuilt, it is the same.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parse } from "yaml";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OPTIONS } from "../../scripts/bundle-action.mjs";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { workflowsFor } from "../emulator/workflow-files.js";
import { pushPayload, releasePayload } from "../e2e/fixtures/event-payloads.js";

const ROOT = resolve(import.meta.dirname, "../..");
const BUNDLE = join(ROOT, "action/index.mjs");
const owner = "acme";
const repo = "web";
const CONFIG = `environments:
  staging:
    follows: { branch: main }
    deploy: { workflow: deploy.yml, inputs: { sha: "{sha}" } }
changelog: { path: "changes/{version}.md" }
`;

let gh: Emulator;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({ owner, repo, files: { ".github/release-pilot.yml": CONFIG, ...workflowsFor(CONFIG) } });
});
afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await gh.close();
});

interface StepRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
  readonly outputs: Record<string, string>;
}

/** One workflow step running the bundle on `event`. */
function step(event: string, payload: unknown, inputs: Record<string, string> = {}): Promise<StepRun> {
  const dir = mkdtempSync(join(tmpdir(), "release-pilot-action-"));
  writeFileSync(join(dir, "event.json"), JSON.stringify(payload));
  writeFileSync(join(dir, "output"), "");
  const env: Record<string, string> = {
    PATH: process.env["PATH"] ?? "",
    GITHUB_ACTIONS: "true",
    GITHUB_EVENT_NAME: event,
    GITHUB_EVENT_PATH: join(dir, "event.json"),
    GITHUB_OUTPUT: join(dir, "output"),
    GITHUB_API_URL: `${gh.url}/api/v3`,
    GITHUB_RUN_ID: "4242",
    // As the runner passes `with:` and the defaults of action.yml.
    INPUT_TOKEN: "ghs_workflow_token",
    INPUT_CONFIG: ".github/release-pilot.yml",
    "INPUT_DRY-RUN": "false",
    ...Object.fromEntries(Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])),
  };
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [BUNDLE], { cwd: dir, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => void (stderr += chunk.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      const outputs = Object.fromEntries(
        readFileSync(join(dir, "output"), "utf8")
          .split("\n")
          .filter((line) => line.includes("="))
          .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
      );
      done({ code: code ?? 1, stdout, stderr, outputs });
    });
  });
}

describe("the bundled Action", () => {
  it("is what npm run bundle makes from the source", async () => {
    const rebuilt = join(mkdtempSync(join(tmpdir(), "release-pilot-bundle-")), "index.mjs");
    await build({ ...OPTIONS, absWorkingDir: ROOT, outfile: rebuilt });
    expect(readFileSync(rebuilt, "utf8") === readFileSync(BUNDLE, "utf8"), "action/index.mjs is stale: run npm run bundle").toBe(true);
  });

  it("deploys a push as the hosted app does, logs each action and gives the deployment id", async () => {
    gh.commit(owner, repo, "main", { "src/app.py": "print('hi')\n" }, "Change the app");
    const run = await step("push", pushPayload(gh, { owner, repo, ref: "main" }));
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const [deployment] = gh.deployments(owner, repo);
    expect(deployment?.environment).toBe("staging");
    expect(deployment?.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(run.outputs).toEqual({ "deployment-id": String(deployment?.id) });
    expect(run.stdout).toMatch(/^release-pilot: create-deployment deploy:staging:[0-9a-f]{40}:push-[0-9a-f]{40}: done$/m);
    expect(run.stdout).toMatch(/^release-pilot: dispatch-workflow .*: done$/m);
    expect(gh.workflowDispatches.at(-1)).toMatchObject({ workflow_id: "deploy.yml", ref: "main", inputs: { sha: deployment?.sha } });
  });

  it("opens the changelog PR of a published release, acting with the token input", async () => {
    const releaseId = gh.addRelease({ owner, repo, tag: "v1.0.0", body: "- a change" });
    const run = await step("release", releasePayload(gh, { owner, repo, releaseId, action: "published" }));
    expect(run.code).toBe(0);
    expect(gh.pulls(owner, repo).map((pull) => pull.title)).toContain("Publish changelog for v1.0.0");
    expect(run.stdout).toMatch(/^release-pilot: open-pull-request .*: done$/m);
  });

  it("writes nothing in a dry run and says what it would have done", async () => {
    gh.commit(owner, repo, "main", { "src/app.py": "print('dry')\n" }, "Change it again");
    gh.resetCalls();
    const run = await step("push", pushPayload(gh, { owner, repo, ref: "main" }), { "dry-run": "true" });
    expect(run.code).toBe(0);
    expect(gh.counts().writes).toBe(0);
    expect(run.stdout).toMatch(/^release-pilot: create-deployment .*: planned \(dry run\)$/m);
    expect(run.outputs).toEqual({});
  });

  it("fails the step in one line when the config input is outside .github/", async () => {
    const run = await step("push", pushPayload(gh, { owner, repo, ref: "main" }), { config: "release-pilot.yml" });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('::error::the config input "release-pilot.yml" is not a YAML file in .github/; give one such as .github/release-pilot.yml.\n');
  });
});

describe("action.yml and the docs' workflow", () => {
  const action = parse(readFileSync(join(ROOT, "action.yml"), "utf8")) as {
    inputs: Record<string, { default?: string }>;
    outputs: Record<string, unknown>;
    runs: { using: string; main: string };
  };
  const docs = readFileSync(join(ROOT, "docs/actions.md"), "utf8");

  it("runs the committed bundle and declares the inputs and outputs the code reads and writes", () => {
    expect(action.runs).toEqual({ using: "node24", main: "action/index.mjs" });
    expect(Object.keys(action.inputs).sort()).toEqual(["config", "dry-run", "token"]);
    expect(Object.keys(action.outputs).sort()).toEqual(["deployment-id", "tag", "version"]);
    for (const name of [...Object.keys(action.inputs), ...Object.keys(action.outputs)]) expect(docs).toContain(`| \`${name}\` |`);
  });

  it("gives a workflow that is valid YAML, listens to the app's events and asks for the permissions it needs", () => {
    const yaml = /```yaml\n([\s\S]*?)```/.exec(docs)?.[1] ?? "";
    const workflow = parse(yaml) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { uses?: string }[] }> };
    const manifest = parse(readFileSync(join(ROOT, "app.yml"), "utf8")) as { default_events: string[] };
    expect(Object.keys(workflow.on).sort()).toEqual([...manifest.default_events].sort());
    expect(workflow.permissions).toMatchObject({
      contents: "write",
      "pull-requests": "write",
      issues: "write",
      deployments: "write",
      actions: "write",
      checks: "write",
      statuses: "read",
    });
    expect(workflow.jobs["release-pilot"]?.steps[0]?.uses).toMatch(/^[\w-]+\/release-pilot@v1$/);
  });
});
