// `release-pilot plan` says what the bot will do: for one or two events of each of the five
// processes, the plan is made first (planCommand with --json, the facts read from the emulator's
// state just before), then the same payload goes to the app, and every write the plan names must
// be what the emulator recorded, with nothing recorded that the plan left out.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CliIo } from "../../src/cli/io.js";
import type { PlanFacts } from "../../src/facts/json/schema.js";
import { planCommand, type PlanReport } from "../../src/cli/plan.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { pushPayload, releasePayload } from "./fixtures/event-payloads.js";
import { deploymentsOf, reportDeployment } from "./fixtures/story.js";
import { completeCheckRun, reportStatus } from "./fixtures/story-steps.js";
import { startApp, type AppProcess } from "./harness.js";
import { factsFrom, plannedWrite, snapshot, writesBetween, type Effect } from "./plan-matches-world.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ZERO = "0".repeat(40);

let gh: Emulator;
let app: AppProcess;

const example = (name: string) => readFileSync(`examples/${name}.yml`, "utf8");

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner: "emfollow",
    repo: "gwcelery",
    files: {
      ".github/release-pilot.yml": example("gwcelery"),
      ...workflowsFor(example("gwcelery")),
      ".github/ISSUE_TEMPLATE/release.md": readFileSync("test/fixtures/checklist/CreateARelease.md", "utf8"),
      "CHANGES.rst": readFileSync("test/fixtures/processes/gwcelery/CHANGES.rst.head-2024-12.rst", "utf8"),
    },
  });
  gh.addTag("emfollow", "gwcelery", "v2.5.2", "main", "Version 2.5.2");
  gh.setPermission("emfollow", "gwcelery", "leo", "write");
  gh.createRepo({
    owner: "renalreg",
    repo: "ukrdc-services",
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": example("ukrdc"), ...workflowsFor(example("ukrdc")), "ukrdc/services/__init__.py": '__version__ = "10.8.5"\n' },
  });
  gh.createBranch("renalreg", "ukrdc-services", "release", "master");
  gh.createRepo({
    owner: "renalreg",
    repo: "ukrdc-webapi",
    defaultBranch: "master",
    files: { "requirements.txt": "fastapi==0.110.0\nukrdc-services==10.8.4\n" },
  });
  gh.createBranch("renalreg", "ukrdc-webapi", "release", "master");
  gh.setPermission("renalreg", "ukrdc-services", "joel", "write");
  gh.createRepo({
    owner: "thegreenwebfoundation",
    repo: "admin-portal",
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": example("greenweb"), ...workflowsFor(example("greenweb")) },
  });
  gh.createBranch("thegreenwebfoundation", "admin-portal", "staging", "master");
  gh.setPermission("thegreenwebfoundation", "admin-portal", "fershad", "write");
  gh.createRepo({
    owner: "WordPress",
    repo: "openverse",
    files: { ".github/release-pilot.yml": example("openverse"), ...workflowsFor(example("openverse")), "api/manage.py": "" },
  });
  gh.createRepo({ owner: "WordPress", repo: "openverse-infrastructure" });
  gh.setPermission("WordPress", "openverse", "zackkrida", "maintain");
  gh.createRepo({
    owner: "ebi-ait",
    repo: "ingest-core",
    defaultBranch: "master",
    files: { ".github/release-pilot.yml": example("hca-ingest"), ...workflowsFor(example("hca-ingest")) },
  });
  gh.setPermission("ebi-ait", "ingest-core", "amnonkhen", "write");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  await app?.stop();
  await gh?.close();
});

function tempJson(name: string, value: unknown): string {
  const file = join(mkdtempSync(join(tmpdir(), "release-pilot-plan-")), name);
  writeFileSync(file, JSON.stringify(value));
  return file;
}

/** `release-pilot plan --json` in-process, as a person would run it with the payload and facts files. */
async function plan(exampleName: string, event: string, payload: unknown, facts: PlanFacts): Promise<PlanReport> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: {}, cwd: ROOT };
  const code = await planCommand(io, {
    event,
    payload: tempJson("payload.json", payload),
    config: `examples/${exampleName}.yml`,
    facts: tempJson("facts.json", facts),
    json: true,
  });
  expect(stderr).toBe("");
  expect(code).toBe(0);
  return JSON.parse(stdout) as PlanReport;
}

/** An image tag rendered from `{date:DD-MM-YYYY}.{epoch}` depends on the second it was rendered. */
const clockFree = (text: string) => text.replace(/-\d{2}-\d{2}-\d{4}\.\d{9,}/g, "-<date>.<epoch>");

function matches(planned: Effect, written: Effect): boolean {
  if (planned.kind !== written.kind || planned.where !== written.where) return false;
  // The executor appends the hidden key marker to every comment it writes.
  return planned.kind === "comment" ? written.what.includes(planned.what) : clockFree(planned.what) === clockFree(written.what);
}

/** Plans the event, sends the same payload to the app, and compares the plan with what was written. */
async function planAndSend(
  exampleName: string,
  event: string,
  payload: Record<string, unknown>,
  facts: PlanFacts,
): Promise<{ planned: Effect[]; written: Effect[] }> {
  const report = await plan(exampleName, event, payload, facts);
  // Every fact came from the emulator, so no default was leaned on and every feature was planned.
  expect(report.assumed).toEqual([]);
  expect(report.parts.filter((part) => "notPlanned" in part)).toEqual([]);
  const before = snapshot(gh);
  const lockedBefore = new Set(before.repos.flatMap((repo) => repo.refs.map(([ref]) => `${repo.name} ${ref}`)));
  const calls = gh.calls.length;
  expect((await app.send(event, payload)).status).toBeLessThan(300);
  await app.waitFor(() => gh.calls.length > calls, 20_000);
  await app.settle();
  const written = writesBetween(before, snapshot(gh));
  const planned = report.parts
    .flatMap((part) => ("plan" in part ? part.plan.actions.map(plannedWrite) : []))
    // Freeing a lock nobody holds writes nothing (a deploy without a queue takes none).
    .filter((effect) => effect.kind !== "unlock" || lockedBefore.has(`${effect.where} refs/heads/release-pilot/lock/${effect.what}`));
  const missing = planned.filter((effect) => !written.some((w) => matches(effect, w)));
  const unplanned = written.filter((w) => !planned.some((effect) => matches(effect, w)));
  expect({ missing, unplanned }).toEqual({ missing: [], unplanned: [] });
  expect(gh.violations).toEqual([]);
  return { planned, written };
}

const kinds = (effects: readonly Effect[]) => effects.map((effect) => effect.kind).sort();

describe("release-pilot plan matches what the bot does", () => {
  it("GWCelery: the new release branch's checklist, then closing it when 2.6.0 is published", async () => {
    const [owner, repo] = ["emfollow", "gwcelery"];
    gh.createBranch(owner, repo, "release/v2.6");
    const push = pushPayload(gh, { owner, repo, ref: "release/v2.6", before: ZERO, sender: "leo" });
    const opened = await planAndSend(
      "gwcelery",
      "push",
      push,
      factsFrom(gh, owner, repo, { sha: String(push["after"]), sender: "leo", branch: "release/v2.6" }),
    );
    expect(opened.written).toEqual([{ kind: "issue", where: `${owner}/${repo}`, what: "Release version 2.6.0" }]);

    const releaseId = gh.addRelease({ owner, repo, tag: "v2.6.0" });
    const published = releasePayload(gh, { owner, repo, releaseId, sender: "leo" });
    const closed = await planAndSend("gwcelery", "release", published, factsFrom(gh, owner, repo, { sha: gh.sha(owner, repo, "v2.6.0")!, sender: "leo" }));
    expect(kinds(closed.written)).toEqual(["comment", "issue-update"]);
  }, 30_000);

  it("UKRDC: the final to staging and the downstream pin, then on to production once staging succeeds", async () => {
    const [owner, repo] = ["renalreg", "ukrdc-services"];
    const releaseId = gh.addRelease({ owner, repo, tag: "v10.8.5" });
    const sha = gh.sha(owner, repo, "v10.8.5")!;
    const published = await planAndSend(
      "ukrdc",
      "release",
      releasePayload(gh, { owner, repo, releaseId, sender: "joel" }),
      factsFrom(gh, owner, repo, { sha, sender: "joel" }),
    );
    expect(published.written).toContainEqual({ kind: "pull", where: "renalreg/ukrdc-webapi", what: "release Raise ukrdc-services to 10.8.5" });
    expect(published.written).toContainEqual({ kind: "deployment", where: `${owner}/${repo}`, what: `staging ${sha}` });

    const staging = deploymentsOf(gh, owner, repo, "staging")[0]!;
    const succeeded = await reportDeployment(gh, owner, repo, staging.id, "success");
    const carried = await planAndSend("ukrdc", "deployment_status", succeeded, factsFrom(gh, owner, repo, { sha, sender: "deploy-workflow" }));
    expect(carried.written).toContainEqual({ kind: "deployment", where: `${owner}/${repo}`, what: `production ${sha}` });
  }, 30_000);

  it("Green Web Foundation: staging deployed behind its lock on a push to staging, the lock freed on success", async () => {
    const [owner, repo] = ["thegreenwebfoundation", "admin-portal"];
    const sha = gh.commit(owner, repo, "staging", { "greencheck/models.py": "x = 1\n" }, "Change a model", "fershad");
    gh.addCheckRun(owner, repo, sha, "tests", "success");
    gh.addCheckRun(owner, repo, sha, "migrations", "success");
    const push = pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" });
    const deployed = await planAndSend("greenweb", "push", push, factsFrom(gh, owner, repo, { sha, sender: "fershad", branch: "staging" }));
    expect(kinds(deployed.written)).toEqual(["deployment", "lock", "workflow"]);

    const succeeded = await reportDeployment(gh, owner, repo, deploymentsOf(gh, owner, repo, "staging")[0]!.id, "success");
    const freed = await planAndSend("greenweb", "deployment_status", succeeded, factsFrom(gh, owner, repo, { sha, sender: "deploy-workflow" }));
    expect(freed.written).toEqual([{ kind: "unlock", where: `${owner}/${repo}`, what: "staging" }]);
  }, 30_000);

  it("Green Web Foundation: a push's deploy held for the tests check, deployed as the pusher when tests passes", async () => {
    const [owner, repo] = ["thegreenwebfoundation", "admin-portal"];
    const sha = gh.commit(owner, repo, "staging", { "greencheck/views.py": "def index(): ...\n" }, "Speed up the greencheck view", "fershad");
    gh.addCheckRun(owner, repo, sha, "migrations", "success");
    const tests = gh.addCheckRun(owner, repo, sha, "tests", null);
    await app.send("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "staging").filter((d) => d.sha === sha)).toEqual([]);

    // The facts are the pusher's (fershad's permission), read after CI marked tests passed.
    const passed = completeCheckRun(gh, owner, repo, tests, "success");
    const { written } = await planAndSend("greenweb", "check_run", passed, factsFrom(gh, owner, repo, { sha, sender: "fershad" }));
    expect(kinds(written)).toEqual(["check-run", "deployment", "lock", "workflow"]);
    expect(written).toContainEqual({ kind: "deployment", where: `${owner}/${repo}`, what: `staging ${sha}` });
  }, 30_000);

  it("Green Web Foundation: a push's deploy held for a tests commit status (CI outside GitHub Apps), deployed when it succeeds", async () => {
    const [owner, repo] = ["thegreenwebfoundation", "admin-portal"];
    // The deploy the story before started still runs on staging, which queues: it reports first.
    for (const running of deploymentsOf(gh, owner, repo, "staging").filter((d) => !d.statuses.some((status) => status.state === "success"))) {
      await app.send("deployment_status", await reportDeployment(gh, owner, repo, running.id, "success"));
      await app.settle();
    }
    const sha = gh.commit(owner, repo, "staging", { "greencheck/api.py": "def hosts(): ...\n" }, "Add a hosts endpoint", "fershad");
    gh.addCheckRun(owner, repo, sha, "migrations", "success");
    gh.addCommitStatus(owner, repo, sha, "tests", "pending");
    await app.send("push", pushPayload(gh, { owner, repo, ref: "staging", sender: "fershad" }));
    await app.settle();
    expect(deploymentsOf(gh, owner, repo, "staging").filter((d) => d.sha === sha)).toEqual([]);

    const passed = await reportStatus(gh, owner, repo, sha, "tests", "success");
    const { written } = await planAndSend("greenweb", "status", passed, factsFrom(gh, owner, repo, { sha, sender: "fershad" }));
    expect(kinds(written)).toEqual(["check-run", "deployment", "lock", "workflow"]);
    expect(written).toContainEqual({ kind: "deployment", where: `${owner}/${repo}`, what: `staging ${sha}` });
  }, 30_000);

  it("Openverse: the changelog PR and the production dispatch to the infrastructure repository when an api release is published", async () => {
    const [owner, repo] = ["WordPress", "openverse"];
    const releaseId = gh.addRelease({ owner, repo, tag: "api-2024.01.01.19.52.14", body: "- A change" });
    const payload = releasePayload(gh, { owner, repo, releaseId, sender: "zackkrida" });
    const { written } = await planAndSend(
      "openverse",
      "release",
      payload,
      factsFrom(gh, owner, repo, { sha: gh.sha(owner, repo, "api-2024.01.01.19.52.14")!, sender: "zackkrida" }),
    );
    expect(kinds(written)).toEqual(["deployment", "pull", "repository-dispatch"]);
  }, 30_000);

  it("HCA ingest: staging deployed from master under a dated image tag", async () => {
    const [owner, repo] = ["ebi-ait", "ingest-core"];
    const sha = gh.commit(owner, repo, "master", { "src/app.py": "x = 1\n" }, "Merge dev", "amnonkhen");
    const push = pushPayload(gh, { owner, repo, ref: "master", sender: "amnonkhen" });
    const { written } = await planAndSend("hca-ingest", "push", push, factsFrom(gh, owner, repo, { sha, sender: "amnonkhen" }));
    expect(written.find((effect) => effect.kind === "workflow")?.what).toMatch(new RegExp(`"image":"staging-${sha.slice(0, 8)}-\\d{2}-\\d{2}-\\d{4}\\.\\d+"`));
  }, 30_000);
});
