// Untrusted text end to end (issue #12, item 9): a release tag carrying a shell command never
// reaches a deploy workflow's inputs, the refusal says why where people look, and text people
// type (a lock reason naming a team) comes back in the bot's answer without pinging anyone.
// And a command that fails is answered once (issue #12, item 19): the failure report is written
// into the bot's reply to the command, not into a second comment.
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mustRepo } from "../emulator/seed.js";
import { startEmulator, type Emulator } from "../emulator/index.js";
import { commentPayload, releasePayload } from "./fixtures/event-payloads.js";
import { startApp, type AppProcess } from "./harness.js";
import { workflowsFor } from "../emulator/workflow-files.js";

const owner = "renalreg";
const repo = "ukrdc-services";
const INJECTED = 'v10.8.5rc1";echo${IFS}hello;#';

let gh: Emulator;
let app: AppProcess;

beforeAll(async () => {
  gh = await startEmulator();
  gh.createRepo({
    owner,
    repo,
    defaultBranch: "master",
    files: {
      ".github/release-pilot.yml": readFileSync("examples/ukrdc.yml", "utf8"),
      ...workflowsFor(readFileSync("examples/ukrdc.yml", "utf8")),
      "ukrdc/services/__init__.py": '__version__ = "10.8.4"\n',
    },
  });
  gh.setPermission(owner, repo, "joel", "write");
  app = await startApp({ emulator: gh });
}, 60_000);

afterAll(async () => {
  expect(gh.violations).toEqual([]);
  await app?.stop();
  await gh?.close();
});

describe("untrusted text through the running app", () => {
  it("refuses to deploy a pre-release whose tag carries a shell command, and says why on the commit", async () => {
    const sha = gh.sha(owner, repo, "master")!;
    // GitHub sends `published` for candidates too; staging follows candidates (`prereleased`).
    const releaseId = gh.addRelease({ owner, repo, tag: INJECTED, target: "master", prerelease: true });
    await app.send("release", releasePayload(gh, { owner, repo, releaseId, action: "published" }));
    const refusal = () => mustRepo(gh.state, owner, repo).checkRuns.find((c) => c.head_sha === sha && c.name === "Release Pilot: deploy staging");
    // Whichever comes first: the refusal, or (the bug) the dispatch with the command in its inputs.
    await app.waitFor(() => refusal() ?? gh.workflowDispatches[0], 20_000);
    await app.settle();
    expect(gh.workflowDispatches).toEqual([]);
    const check = refusal()!;
    expect(gh.deployments(owner, repo)).toEqual([]);
    expect(check).toMatchObject({ conclusion: "failure" });
    expect(check.output.summary).toMatch(
      /: the release tag ".*" is not a safe ref name: it has characters other than letters, digits and \. _ \/ -, so it is not passed to the deploy workflow$/,
    );
  });

  it("echoes a lock reason that names a team without pinging it", async () => {
    const number = gh.addIssue({ owner, repo, title: "Freeze" });
    const body = "/lock production @renalreg/ops freeze for 2h";
    await app.send("issue_comment", commentPayload(gh, { owner, repo, number, body, sender: "joel" }));
    const reply = await app.waitFor(
      () => gh.comments(owner, repo, number).find((c) => c.user.login === "release-pilot[bot]" && c.body.includes("locked")),
      30_000,
    );
    expect(reply.body).toContain("@\u200drenalreg/ops freeze");
    expect(reply.body).not.toMatch(/@renalreg\/ops/);
  });

  it("answers a command that fails with one comment: the reply, carrying the failure report", async () => {
    const number = gh.addIssue({ owner, repo, title: "Lock" });
    const payload = commentPayload(gh, { owner, repo, number, body: "/lock staging for 1h", sender: "joel" });
    // A default branch that is not there: the lock has no commit to hang on, and the job fails.
    (payload["repository"] as Record<string, unknown>)["default_branch"] = "gone";
    await app.send("issue_comment", payload);
    const bot = () => gh.comments(owner, repo, number).filter((c) => c.user.login === "release-pilot[bot]");
    await app.waitFor(() => bot().find((c) => c.body.includes("could not finish your command")), 30_000);
    await app.settle();
    expect(bot()).toHaveLength(1);
    expect(bot()[0]!.body).toMatch(/^@joel Release Pilot could not finish your command after 1 attempt:/);
  });
});
