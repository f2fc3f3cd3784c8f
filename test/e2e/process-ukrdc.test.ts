// UKRDC's whole process (PROCESSES.md §2) played as one story with examples/ukrdc.yml: a push to
// master deploys development, `/release rc` cuts 10.8.5rc1 and staging (which follows
// prereleases, "candidates too") takes it, `/release final` cuts 10.8.5, publishing it raises
// ukrdc-webapi's pin and staging takes the final, and production, which only takes what succeeded
// on staging, is deployed from `release` once staging reports success.
// A closed loop: the test only does what people and the deploy workflow do (push, comment, report
// deployment statuses); the emulator sends every webhook, the `release` events of the releases the
// bot cuts (`published`, and `prereleased` for a candidate) and its version commits' pushes included.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { mustRepo } from "../emulator/seed.js";
import { botComments, commentAs, deploymentsOf, expectCalm, reportDeployment, statesOf } from "./fixtures/story.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "renalreg";
const repo = "ukrdc-services";
const webapi = "ukrdc-webapi";
const VERSION_FILE = "ukrdc/services/__init__.py";
const REQUIREMENTS = "fastapi==0.110.0\nukrdc-services==10.8.4\nsqlalchemy==2.0.29\n";

let gh: Emulator;
let app: AppProcess;
let issue: number;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/ukrdc.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/ukrdc.yml", "utf8")),
      [VERSION_FILE]: '"""UKRDC services."""\n\n__version__ = "10.8.4"\n',
    },
  });
  gh.createBranch(owner, repo, "release", "master");
  gh.createRepo({ owner, repo: webapi, defaultBranch: "master", files: { "requirements.txt": REQUIREMENTS } });
  gh.createBranch(owner, webapi, "release", "master");
  gh.setPermission(owner, repo, "joel", "write");
  issue = gh.addIssue({ owner, repo, title: "Release 10.8.5" });
  app = await startApp({ emulator: gh, deliver: true });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

async function command(body: string, marker: string): Promise<void> {
  await commentAs(gh, owner, repo, issue, body, "joel");
  await app.waitFor(() => botComments(gh, owner, repo, issue).find((c) => c.body.includes(marker)), 60_000);
  await app.settle();
}

/** GitHub sends `published` for every release the bot cuts, and `prereleased` as well for a candidate; wait for what they set off. */
async function announced(tag: string): Promise<void> {
  await app.waitFor(
    () => gh.deliveries.some((d) => d.event === "release" && d.action === "published" && (d.payload["release"] as { tag_name?: string }).tag_name === tag),
    30_000,
  );
  await app.settle();
}

const versionAt = (ref: string) => /__version__ = "([^"]+)"/.exec(gh.file(owner, repo, ref, VERSION_FILE) ?? "")?.[1];
const versionsOn = (env: string) =>
  deploymentsOf(gh, owner, repo, env).map((d) => gh.workflowDispatches.find((w) => w.inputs["deployment_id"] === String(d.id))?.inputs["version"]);

describe("UKRDC from master to production", () => {
  it("deploys development on a push to master", async () => {
    const sha = gh.commit(owner, repo, "master", { "ukrdc/services/api.py": "x = 1\n" }, "Fix a query", "joel");
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "development"), 30_000);
    await app.settle();
    expect(dispatch).toMatchObject({ workflow_id: "deploy.yml", ref: "master", inputs: { ref: sha } });
    expect(deploymentsOf(gh, owner, repo, "development").map((d) => d.sha)).toEqual([sha]);
  }, 60_000);

  it("cuts 10.8.5rc1 as a prerelease on /release rc, and production does not take the candidate", async () => {
    await command("/release rc", "10.8.5rc1**");
    expect(versionAt("v10.8.5rc1")).toBe("10.8.5rc1");
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5rc1")).toMatchObject({ prerelease: true, draft: false });
    await announced("v10.8.5rc1");
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    expect(gh.pulls(owner, webapi)).toEqual([]);
  }, 90_000);

  it("deploys the candidate to staging, which follows prereleases, and its success there goes no further", async () => {
    const staging = await app.waitFor(() => deploymentsOf(gh, owner, repo, "staging")[0], 10_000);
    expect(versionsOn("staging")).toEqual(["10.8.5rc1"]);
    expect(staging.sha).toBe(gh.sha(owner, repo, "v10.8.5rc1"));
    await reportDeployment(gh, owner, repo, staging.id, "success");
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
  }, 30_000);

  it("cuts 10.8.5 on /release final and raises ukrdc-webapi's pin on its release branch when it is published", async () => {
    await command("/release final", "10.8.5**");
    expect(versionAt("v10.8.5")).toBe("10.8.5");
    expect(gh.releases(owner, repo).find((r) => r.tag_name === "v10.8.5")).toMatchObject({ prerelease: false, draft: false });
    await announced("v10.8.5");
    const pull = await app.waitFor(() => gh.pulls(owner, webapi)[0], 30_000);
    expect(pull).toMatchObject({ baseRef: "release", title: "Raise ukrdc-services to 10.8.5" });
    expect(gh.file(owner, webapi, pull.headSha, "requirements.txt")).toBe(REQUIREMENTS.replace("==10.8.4", "==10.8.5"));
  }, 90_000);

  it("deploys the final to staging too, since staging takes candidates and finals, and not yet to production", async () => {
    await app.waitFor(() => deploymentsOf(gh, owner, repo, "staging").find((d) => d.sha === gh.sha(owner, repo, "v10.8.5")), 10_000);
    expect(versionsOn("staging")).toEqual(["10.8.5rc1", "10.8.5"]);
    // Production requires staging: it waits for staging's report instead of being refused now.
    expect(deploymentsOf(gh, owner, repo, "production")).toEqual([]);
    expect(mustRepo(gh.state, owner, repo).checkRuns.filter((run) => run.conclusion === "failure")).toEqual([]);
  }, 30_000);

  it("deploys 10.8.5 to production from the release branch once staging reports success", async () => {
    const sha = gh.sha(owner, repo, "v10.8.5")!;
    const staging = deploymentsOf(gh, owner, repo, "staging").find((d) => d.sha === sha)!;
    await reportDeployment(gh, owner, repo, staging.id, "success");
    const dispatch = await app.waitFor(() => gh.workflowDispatches.find((d) => d.inputs["environment"] === "production"), 30_000);
    await app.settle();
    const [production, ...others] = deploymentsOf(gh, owner, repo, "production");
    expect(others).toEqual([]);
    expect(production).toMatchObject({ sha });
    expect(dispatch).toMatchObject({
      workflow_id: "deploy.yml",
      ref: "release",
      inputs: { environment: "production", version: "10.8.5", deployment_id: String(production!.id) },
    });
    await reportDeployment(gh, owner, repo, production!.id, "success");
    await app.settle();
    expect(statesOf(gh, owner, repo, production!.id).at(-1)).toBe("success");
    expect(gh.pulls(owner, webapi)).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 90_000);

  // Issue #12 item 17: production's input is "{version}", and /promote names none.
  it("promotes staging's 10.8.5 to production by hand as that release", async () => {
    const before = gh.workflowDispatches.length;
    await commentAs(gh, owner, repo, issue, "/promote staging production", "joel");
    await app.waitFor(() => gh.workflowDispatches.length === before + 1, 30_000);
    await app.settle();
    expect(gh.workflowDispatches.at(-1)).toMatchObject({ workflow_id: "deploy.yml", ref: "release", inputs: { environment: "production", version: "10.8.5" } });
    expect(deploymentsOf(gh, owner, repo, "production").map((d) => d.sha)).toEqual([gh.sha(owner, repo, "v10.8.5"), gh.sha(owner, repo, "v10.8.5")]);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);

  // The bot's own writes came back as webhooks (its version commits on master, which development
  // follows, the tags and releases it made, the pin PR in ukrdc-webapi, its deployment statuses):
  // none set off more; development took only what joel pushed.
  it("stays calm under its own webhooks: a bounded number of deliveries and calls, then quiet", async () => {
    await expectCalm(app, gh, { deliveries: 100, calls: 320 });
    expect(deploymentsOf(gh, owner, repo, "development")).toHaveLength(1);
    expect(gh.violations).toEqual([]);
    expect(app.errorLogs()).toEqual([]);
  }, 60_000);
});
